using JobTitleStudio.Core.Quality;

namespace JobTitleStudio.Core.Tests.Quality;

public class InconsistencyReportTests
{
    private static string Lower(string title) => title.Trim().ToLowerInvariant();

    private static LabelledTitle R(string title, params string[] labels) => new(title, labels);

    [Fact]
    public void Title_with_three_combinations_gets_counts_ranks_and_sample_variance()
    {
        var records = new[]
        {
            R("Sales Manager", "Sales", "Manager"),
            R("sales manager", "Sales", "Manager"),
            R("Sales Manager", "Sales", "Manager"),
            R("Sales Manager", "Marketing", "Manager"),
            R("SALES MANAGER", "Sales", "Director"),
            R("Sales Manager", "Marketing", "Manager"),
        };

        var rows = InconsistencyReport.Build(records, Lower);

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("Sales Manager", r.Title));
        Assert.All(rows, r => Assert.Equal("sales manager", r.NormalizedTitle));
        Assert.All(rows, r => Assert.Equal(6, r.TotalCount));
        Assert.All(rows, r => Assert.Equal(3, r.Combinations));
        Assert.Equal(new[] { 1, 2, 3 }, rows.Select(r => r.Rank));
        Assert.Equal(new[] { 3, 2, 1 }, rows.Select(r => r.RecordCount));
        Assert.Equal(new[] { "Sales", "Manager" }, rows[0].Labels);
        Assert.Equal(new[] { "Marketing", "Manager" }, rows[1].Labels);
        // counts 3, 2, 1: mean 2, squared deviations 1 + 0 + 1 = 2, over n - 1 = 2.
        Assert.All(rows, r => Assert.Equal(1.0, r.Variance));
    }

    [Fact]
    public void Titles_with_a_single_combination_are_left_out()
    {
        var records = new[] { R("Nurse", "Healthcare"), R("nurse", "Healthcare"), R("Chef", "Hospitality") };

        Assert.Empty(InconsistencyReport.Build(records, Lower));
    }

    [Fact]
    public void Equal_combination_counts_rank_in_first_seen_order_with_zero_variance()
    {
        var records = new[] { R("Analyst", "Finance"), R("Analyst", "IT"), R("Analyst", "IT"), R("Analyst", "Finance") };

        var rows = InconsistencyReport.Build(records, Lower);

        Assert.Equal(new[] { "Finance", "IT" }, rows.Select(r => r.Labels[0]));
        Assert.All(rows, r => Assert.Equal(0.0, r.Variance));
    }

    [Fact]
    public void Raw_spelling_ties_go_to_the_first_seen()
    {
        var records = new[] { R("analyst", "A"), R("Analyst", "B") };

        var rows = InconsistencyReport.Build(records, Lower);

        Assert.All(rows, r => Assert.Equal("analyst", r.Title));
    }

    [Fact]
    public void Titles_are_ordered_by_total_count_descending()
    {
        var records = new[]
        {
            R("Clerk", "A"), R("Clerk", "B"),
            R("Engineer", "A"), R("Engineer", "B"), R("Engineer", "B"),
        };

        var rows = InconsistencyReport.Build(records, Lower);

        Assert.Equal(new[] { "engineer", "engineer", "clerk", "clerk" }, rows.Select(r => r.NormalizedTitle));
    }

    [Fact]
    public void Records_with_different_label_counts_are_rejected_with_the_offending_title()
    {
        var records = new[] { R("Clerk", "A", "B"), R("Chef", "A") };

        var error = Assert.Throws<ArgumentException>(() => InconsistencyReport.Build(records, Lower));

        Assert.Contains("\"Chef\" has 1", error.Message);
    }

    [Theory]
    [InlineData(new[] { 5 }, 0)]
    [InlineData(new[] { 1, 3 }, 2)]
    [InlineData(new[] { 4, 1, 1 }, 3)]
    public void Sample_variance_divides_by_n_minus_one(int[] counts, double expected)
    {
        Assert.Equal(expected, InconsistencyReport.SampleVariance(counts));
    }

    [Fact]
    public void Sample_variance_is_the_correctly_rounded_value()
    {
        // 5, 4, 2: exactly 7/3, whose nearest double prints as 2.3333333333333335; summing deviations in doubles gives ...333.
        Assert.Equal(7.0 / 3.0, InconsistencyReport.SampleVariance([5, 4, 2]));
    }
}
