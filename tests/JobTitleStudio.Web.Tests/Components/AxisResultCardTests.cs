using Bunit;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Tests.Support;
using Radzen.Blazor.Rendering;
using Radzen.Blazor;

namespace JobTitleStudio.Web.Tests.Components;

public sealed class AxisResultCardTests : StudioComponentTest
{
    private static readonly AxisDefinition Function = new("Function",
    [
        new CategoryDefinition("HR", "Human Resources"), new CategoryDefinition("Sales"), new CategoryDefinition("Marketing"),
    ]);

    public AxisResultCardTests() => JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect());

    private static AxisPrediction Prediction(bool abstained = false, params (string Category, float Probability)[] top) =>
        new("Function", abstained ? "Other" : top[0].Category, top[0].Probability, abstained, [abstained ? "Other" : top[0].Category],
            [.. top.Select(t => new CategoryScore(t.Category, t.Probability))], FromCorrection: false,
            Explanation: [new FeatureContribution("word:recruiter", 0.8f), new FeatureContribution("word:sales", -0.3f)],
            Nearest: [new NearestTitle("talent recruiter", 0.72f, ["HR"])]);

    [Fact]
    public void The_card_shows_the_winner_by_display_name_with_its_probability_explanation_and_nearest_titles()
    {
        var card = Render<AxisResultCard>(p => p
            .Add(c => c.Axis, Function)
            .Add(c => c.Prediction, Prediction(false, ("HR", 0.81f), ("Sales", 0.12f), ("Marketing", 0.07f))));

        Assert.Equal("Human Resources", card.Find("[data-testid=axis-winner]").TextContent.Trim());
        Assert.StartsWith("81%", card.Find("[data-testid=axis-probability]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=abstain-badge]"));
        Assert.Contains("word:recruiter", card.Find("[data-testid=explanation] .token-up").TextContent);
        Assert.Contains("word:sales", card.Find("[data-testid=explanation] .token-down").TextContent);
        Assert.Contains("talent recruiter", card.Find("[data-testid=nearest]").TextContent);
        Assert.Contains("Human Resources", card.Find("[data-testid=nearest]").TextContent);
    }

    [Fact]
    public void An_abstaining_axis_shows_the_badge_with_its_best_guess()
    {
        var card = Render<AxisResultCard>(p => p
            .Add(c => c.Axis, Function)
            .Add(c => c.Prediction, Prediction(true, ("Sales", 0.34f), ("HR", 0.33f), ("Marketing", 0.33f))));

        Assert.Contains("Abstained · best guess Sales", card.Find("[data-testid=abstain-badge]").TextContent);
    }

    [Fact]
    public void The_chart_draws_the_ten_most_probable_categories_and_one_bar_for_the_rest()
    {
        var many = new AxisDefinition("Occupation", Enumerable.Range(1, 14).Select(i => new CategoryDefinition($"C{i}")));
        var top = Enumerable.Range(1, 14).Select(i => ($"C{i}", i <= 10 ? 0.09f : 0.025f)).ToArray();

        var card = Render<AxisResultCard>(p => p
            .Add(c => c.Axis, many)
            .Add(c => c.Prediction, Prediction(false, top) with { Axis = "Occupation" }));

        var bars = Assert.IsAssignableFrom<IEnumerable<AxisResultCard.Bar>>(card.FindComponent<RadzenBarSeries<AxisResultCard.Bar>>().Instance.Data);
        Assert.Equal(11, bars.Count());
        Assert.Equal(("4 others", 10.0), (bars.First().Category, bars.First().Percent));
        Assert.Equal(("C1", 9.0), (bars.Last().Category, bars.Last().Percent));
    }

    [Fact]
    public async Task Correct_opens_the_picker_and_choosing_a_category_reports_its_name()
    {
        string? chosen = null;
        var card = Render<AxisResultCard>(p => p
            .Add(c => c.Axis, Function)
            .Add(c => c.Prediction, Prediction(false, ("Sales", 0.6f), ("HR", 0.3f), ("Marketing", 0.1f)))
            .Add(c => c.OnCorrect, (string label) => chosen = label));
        Assert.Empty(card.FindAll("[data-testid=correction-picker]"));

        var correct = card.FindComponents<RadzenButton>().Single(b => b.Instance.Text == "Correct");
        await card.InvokeAsync(() => correct.Instance.Click.InvokeAsync(null));
        await TypeAsync(card.Find(".picker-filter"), "human");
        await PressAsync(card.Find(".picker-filter"), "Enter");

        Assert.Equal("HR", chosen);
        Assert.Empty(card.FindAll("[data-testid=correction-picker]"));
    }

    [Fact]
    public void The_rule_that_fired_is_shown_and_flagged_when_it_disagrees_with_the_model()
    {
        var agreeing = Render<AxisResultCard>(p => p
            .Add(c => c.Axis, Function)
            .Add(c => c.Prediction, Prediction(false, ("HR", 0.81f), ("Sales", 0.19f)))
            .Add(c => c.Rule, new JobTitleStudio.Web.Features.Rules.RuleMatchView(7, "recruit*", "HR", 3, "Recruiter", 0, 9, "")));
        var disagreeing = Render<AxisResultCard>(p => p
            .Add(c => c.Axis, Function)
            .Add(c => c.Prediction, Prediction(false, ("HR", 0.81f), ("Sales", 0.19f)))
            .Add(c => c.Rule, new JobTitleStudio.Web.Features.Rules.RuleMatchView(8, "sales", "Sales", 1, "Sales", 0, 5, "")));

        Assert.Contains("Rule: \"recruit*\" → Human Resources (priority 3), matched \"Recruiter\"", agreeing.Find("[data-testid=axis-rule]").TextContent);
        Assert.Empty(agreeing.FindAll("[data-testid=rule-disagrees]"));
        Assert.NotNull(disagreeing.Find("[data-testid=rule-disagrees]"));
        Assert.Empty(Render<AxisResultCard>(p => p.Add(c => c.Axis, Function).Add(c => c.Prediction, Prediction(false, ("HR", 1f)))).FindAll("[data-testid=axis-rule]"));
    }
}
