using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class TitleMemoryTests
{
    private readonly TestFeatures _features = new();

    [Fact]
    public void Axes_whose_memories_list_the_same_titles_share_one_row_dictionary_and_keep_their_own_labels()
    {
        var occupation = new TitleMemory(5);
        var level = new TitleMemory(3);
        occupation.Learn([_features.Example("nurse", 1), _features.Example("welder", 4)]);
        level.Learn([_features.Example("nurse", 2), _features.Example("welder", 0)]);

        TitleMemory.ShareRows([occupation, level]);

        Assert.Same(occupation.Current.Rows, level.Current.Rows);
        var lookup = default(RowLookup);
        Assert.Equal([4], occupation.Current.GetValueOrDefault("welder", ref lookup)!.Categories);
        Assert.Equal([0], level.Current.GetValueOrDefault("welder", ref lookup)!.Categories);
        var unknown = default(RowLookup);
        Assert.Null(occupation.Current.GetValueOrDefault("plumber", ref unknown));
        Assert.Null(level.Current.GetValueOrDefault("plumber", ref unknown));
    }

    [Fact]
    public void A_memory_with_other_titles_keeps_its_own_rows()
    {
        var occupation = new TitleMemory(5);
        var level = new TitleMemory(3);
        occupation.Learn([_features.Example("nurse", 1), _features.Example("welder", 4)]);
        level.Learn([_features.Example("nurse", 2), _features.Example("plumber", 0)]);

        TitleMemory.ShareRows([occupation, level]);

        Assert.NotSame(occupation.Current.Rows, level.Current.Rows);
        var lookup = default(RowLookup);
        Assert.Null(occupation.Current.GetValueOrDefault("plumber", ref lookup));
        Assert.Equal([0], level.Current.GetValueOrDefault("plumber", ref lookup)!.Categories);
    }

    [Fact]
    public void A_correction_on_one_axis_of_shared_rows_is_seen_on_that_axis_only()
    {
        var occupation = new TitleMemory(5);
        var level = new TitleMemory(3);
        occupation.Learn([_features.Example("nurse", 1)]);
        level.Learn([_features.Example("nurse", 2)]);
        TitleMemory.ShareRows([occupation, level]);

        occupation.Learn(_features.Example("nurse", 3, correction: true));

        var lookup = default(RowLookup);
        Assert.Equal([3], occupation.Current.GetValueOrDefault("nurse", ref lookup)!.Corrected!);
        Assert.Null(level.Current.GetValueOrDefault("nurse", ref lookup)!.Corrected);
        Assert.Same(occupation.Current.Rows, level.Current.Rows);
    }
}
