using JobTitleStudio.Core.Batches;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Tests.Batches;

public sealed class BatchAnswerTests
{
    private static TitlePrediction Prediction(string title, float probability, params string[] skills) => new(
        title,
        TitleNormalizer.Shipped.Normalize(title),
        [
            new AxisPrediction("Function", "Sales", probability, false, ["Sales"], [new CategoryScore("Sales", probability), new CategoryScore("IT", 1 - probability)], false),
            new AxisPrediction("Skills", skills.Length > 0 ? skills[0] : "Other", 0.7f, skills.Length == 0, skills, [.. skills.Select(s => new CategoryScore(s, 0.7f))], false),
        ]);

    [Fact]
    public void A_single_label_axis_reports_its_label_cell_and_a_multi_label_axis_every_label()
    {
        var answer = new BatchAnswer(Prediction("Sales Engineer", 0.8f, "Negotiation", "Python"));

        Assert.Equal(2, answer.AxisCount);
        Assert.Equal(["Sales"], answer.LabelsOf(0).ToArray());
        Assert.Equal(["Negotiation", "Python"], answer.LabelsOf(1).ToArray());
        Assert.Equal("Negotiation;Python", answer.Cells[4]);
        Assert.Equal(["Sales", "0.8", "false", "Sales:0.8|IT:0.2"], answer.Cells.Take(4));
    }

    [Fact]
    public void An_abstaining_axis_makes_the_answer_abstained_and_counts_its_other_category()
    {
        var answer = new BatchAnswer(Prediction("Sales Engineer", 0.8f));

        Assert.True(answer.Abstained);
        Assert.Equal(["Other"], answer.LabelsOf(1).ToArray());
    }

    [Fact]
    public void Answers_with_the_same_probability_share_one_cell_text()
    {
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);

        var first = new BatchAnswer(Prediction("Sales Engineer", 0.25f), shared);
        var second = new BatchAnswer(Prediction("Account Executive", 0.25f), shared);

        Assert.Equal("0.25", first.Cells[1]);
        Assert.Same(first.Cells[1], second.Cells[1]);
    }
}
