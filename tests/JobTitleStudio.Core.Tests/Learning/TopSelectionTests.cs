using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class TopSelectionTests
{
    [Fact]
    public void Returns_the_largest_values_largest_first()
    {
        var top = new int[3];

        var found = TopSelection.Largest([0.1f, 0.7f, -2f, 0.3f, 0.9f, 0.2f], top);

        Assert.Equal(3, found);
        Assert.Equal([4, 1, 3], top);
    }

    [Fact]
    public void Never_takes_a_value_at_or_below_the_floor_so_fewer_may_be_found()
    {
        var top = new int[4];

        var found = TopSelection.Largest([0f, 0.5f, -1f, 0.25f, 0f], top, floor: 0);

        Assert.Equal(2, found);
        Assert.Equal([1, 3], top[..found]);
    }
}
