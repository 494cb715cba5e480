using JobTitleStudio.Core.Quality;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Tests.Quality;

public class LikelyLabelErrorsTests
{
    private static readonly string[] Axes = ["Department"];

    /// <summary>Three departments with distinct title words; every title once, so each is scored by a model that never saw it.</summary>
    private static readonly (string Title, string Department)[] Clean =
    [
        ("Software Engineer", "Engineering"), ("Senior Software Engineer", "Engineering"), ("Java Developer", "Engineering"),
        ("Senior Java Developer", "Engineering"), ("Python Developer", "Engineering"), ("Backend Developer", "Engineering"),
        ("Frontend Developer", "Engineering"), ("Lead Software Engineer", "Engineering"), ("Junior Software Developer", "Engineering"),
        ("Web Developer", "Engineering"), ("Software Developer", "Engineering"), ("Principal Software Engineer", "Engineering"),
        ("Accountant", "Finance"), ("Senior Accountant", "Finance"), ("Staff Accountant", "Finance"),
        ("Financial Analyst", "Finance"), ("Senior Financial Analyst", "Finance"), ("Tax Accountant", "Finance"),
        ("Accounts Payable Clerk", "Finance"), ("Payroll Accountant", "Finance"), ("Finance Manager", "Finance"),
        ("Chief Financial Officer", "Finance"), ("Junior Accountant", "Finance"), ("Cost Accountant", "Finance"),
        ("Registered Nurse", "Health"), ("Senior Nurse", "Health"), ("Staff Nurse", "Health"),
        ("Nurse Practitioner", "Health"), ("Pediatric Nurse", "Health"), ("Charge Nurse", "Health"),
        ("Nursing Assistant", "Health"), ("Head Nurse", "Health"), ("Clinical Nurse", "Health"),
        ("Surgical Nurse", "Health"), ("Night Nurse", "Health"), ("Community Nurse", "Health"),
    ];

    private static List<ScoredRecord> Records(IEnumerable<(string Title, string Department)> rows) =>
        [.. rows.Select((r, i) => new ScoredRecord(i + 1, r.Title, TitleNormalizer.Shipped.Normalize(r.Title).Normalized, [r.Department]))];

    [Fact]
    public void A_planted_wrong_label_ranks_first_with_the_right_department_as_suggestion()
    {
        var records = Records(Clean.Append(("Java Software Developer", "Health")));
        var planted = records[^1].Id;

        var errors = LikelyLabelErrors.Find(Axes, records);

        var first = errors[0];
        Assert.Equal(planted, first.RecordId);
        Assert.Equal("Health", first.Label);
        Assert.Equal("Engineering", first.Suggestion);
        Assert.True(first.SuggestionProbability > first.LabelProbability);
        Assert.Equal(-Math.Log(first.LabelProbability), first.Loss, 9);
        Assert.Equal(errors.OrderByDescending(e => e.Loss).Select(e => e.Loss), errors.Select(e => e.Loss));
    }

    [Fact]
    public void Every_spelling_of_a_title_shares_a_fold_and_folds_differ_by_at_most_one_title()
    {
        string[] titles = ["a", "b", "a", "c", "d", "e", "b", "f", "g"];

        var folds = LikelyLabelErrors.AssignFolds(titles, 3);

        Assert.Equal(folds[0], folds[2]);
        Assert.Equal(folds[1], folds[6]);
        var titlesPerFold = titles.Zip(folds).DistinctBy(p => p.First).GroupBy(p => p.Second).Select(g => g.Count()).ToList();
        Assert.Equal(3, titlesPerFold.Count);
        Assert.True(titlesPerFold.Max() - titlesPerFold.Min() <= 1);
    }

    [Fact]
    public void Progress_counts_every_fold_and_every_labelled_record_and_records_without_labels_are_skipped()
    {
        var records = Records(Clean);
        records.Add(new ScoredRecord(999, "Barista", "barista", [""]));
        var reports = new List<LabelErrorProgress>();

        var errors = LikelyLabelErrors.Find(Axes, records, new LabelErrorOptions { Folds = 3 }, new Collector(reports.Add));

        var last = reports[^1];
        Assert.Equal((3, 3, Clean.Length, 1.0), (last.FoldsDone, last.Folds, (int)last.RecordsScored, last.Fraction));
        Assert.DoesNotContain(errors, e => e.RecordId == 999);
        Assert.Equal(reports.Select(r => r.Fraction).Order(), reports.Select(r => r.Fraction));
    }

    [Fact]
    public void One_distinct_title_cannot_be_scored_and_says_why()
    {
        var records = Records([("Nurse", "Health"), ("nurse", "Finance")]);

        var error = Assert.Throws<InvalidOperationException>(() => LikelyLabelErrors.Find(Axes, records));

        Assert.Contains("at least two", error.Message);
    }

    [Fact]
    public void A_cancelled_search_stops()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => LikelyLabelErrors.Find(Axes, Records(Clean), cancellationToken: cancel.Token));
    }

    private sealed class Collector(Action<LabelErrorProgress> report) : IProgress<LabelErrorProgress>
    {
        public void Report(LabelErrorProgress value) => report(value);
    }
}
