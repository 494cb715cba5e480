using JobTitleStudio.Core.Evaluation;

namespace JobTitleStudio.Core.Tests.Evaluation;

public sealed class GroupedSplitTests
{
    [Fact]
    public void Rows_of_one_normalised_title_always_land_on_the_same_side()
    {
        var rows = Enumerable.Range(0, 2000).Select(i => (Title: $"title {i % 300}", Row: i)).ToList();

        var (train, test) = GroupedSplit.Split(rows, r => r.Title, 0.2);

        Assert.Empty(train.Select(r => r.Title).Intersect(test.Select(r => r.Title)));
        Assert.Equal(2000, train.Count + test.Count);
        Assert.InRange(test.Select(r => r.Title).Distinct().Count(), 40, 80);
    }

    [Fact]
    public void The_split_is_reproducible_and_depends_on_the_seed()
    {
        var titles = Enumerable.Range(0, 500).Select(i => $"t{i}").ToList();

        var first = GroupedSplit.Split(titles, t => t, 0.3, seed: 1).Test;
        var again = GroupedSplit.Split(titles, t => t, 0.3, seed: 1).Test;
        var other = GroupedSplit.Split(titles, t => t, 0.3, seed: 2).Test;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_fraction_outside_zero_to_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupedSplit.Split(["a"], t => t, 1.5));
    }
}
