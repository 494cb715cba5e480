using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class TopSelectionTests
{
    /// <summary>What every selection must return: the indexes of the n largest values above the floor, ties by lower index.</summary>
    internal static int[] Reference(float[] values, int n, float floor = float.NegativeInfinity) =>
        [.. Enumerable.Range(0, values.Length).Where(i => values[i] > floor).OrderByDescending(i => values[i]).ThenBy(i => i).Take(n)];

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

    [Theory]
    [InlineData(48, 1017, 1000)]
    [InlineData(48, 1017, 7)]
    [InlineData(5, 1017, 3)]
    [InlineData(32, 600, 100000)]
    [InlineData(1017, 1017, 50)]
    [InlineData(200, 1017, 100000)]
    [InlineData(100, 5000, 30)]
    public void Many_values_give_the_largest_first_and_ties_by_lower_index(int n, int length, int distinctValues)
    {
        var random = new Random(n * 31 + distinctValues);
        for (var round = 0; round < 50; round++)
        {
            // Skewed like a softmax: a few large values, most tiny, some blocks of eight all tiny.
            var values = Enumerable.Range(0, length).Select(_ => MathF.Pow((float)random.Next(distinctValues) / distinctValues, 6) - 0.01f).ToArray();
            var top = new int[n];
            var floor = round % 2 == 0 ? float.NegativeInfinity : 0.2f;

            var found = TopSelection.Largest(values, top, floor);

            var expected = Reference(values, n, floor);
            Assert.Equal(expected, top[..found]);
        }
    }

    [Theory]
    [InlineData(5, 1017, 16)]
    [InlineData(5, 1017, 5)]
    [InlineData(16, 600, 40)]
    public void Likely_indexes_never_change_the_ranking_even_when_they_hold_small_values(int n, int length, int likelyCount)
    {
        var random = new Random(n + likelyCount);
        for (var round = 0; round < 50; round++)
        {
            var values = Enumerable.Range(0, length).Select(_ => MathF.Pow(random.NextSingle(), 6)).ToArray();
            // Some rounds name the largest values, some random ones, some the smallest: the bar only gets less selective.
            var order = Enumerable.Range(0, length).OrderByDescending(i => values[i]).ToArray();
            var likely = (round % 3) switch
            {
                0 => order[..likelyCount],
                1 => [.. Enumerable.Range(0, length).OrderBy(_ => random.Next()).Take(likelyCount)],
                _ => order[^likelyCount..],
            };
            var top = new int[n];

            var found = TopSelection.Largest(values, top, likely);

            var expected = Reference(values, n);
            Assert.Equal(expected, top[..found]);
        }
    }

    public static TheoryData<string, int, int> Shapes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var kind in new[] { "ties", "negative", "mostly-infinite", "equal", "tiny-and-huge" })
        {
            foreach (var (n, length) in new[] { (1, 16), (5, 80), (5, 1017), (16, 1017), (16, 1031), (16, 4099), (64, 1030), (64, 1024), (48, 1017), (10, 12), (8, 5), (64, 64) })
            {
                data.Add(kind, n, length);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_shape_of_values_gives_the_largest_above_the_floor_and_ties_by_lower_index(string kind, int n, int length)
    {
        var random = new Random(length * 7 + n);
        for (var round = 0; round < 20; round++)
        {
            var values = Enumerable.Range(0, length).Select(i => kind switch
            {
                // About four of each value: ties at the bar, few enough to keep.
                "ties" => random.Next(Math.Max(1, length / 4)) / (float)length,
                "negative" => -1f - random.NextSingle(),
                // Fewer finite values than asked for in some rounds: every bar is -infinity, none may be returned.
                "mostly-infinite" => random.Next(length) < round ? random.NextSingle() : float.NegativeInfinity,
                "equal" => 0.5f,
                _ => random.Next(3) switch { 0 => float.Epsilon * random.Next(1, 4), 1 => float.MaxValue / random.Next(1, 4), _ => -float.MaxValue },
            }).ToArray();
            var floor = round % 3 == 2 ? 0.25f : float.NegativeInfinity;
            var top = new int[n];

            var found = TopSelection.Largest(values, top, floor);

            var expected = Reference(values, n, floor);
            Assert.Equal(expected, top[..found]);
        }
    }

    [Theory]
    [InlineData(5, 1017, 100)]
    [InlineData(16, 1017, 1000)]
    [InlineData(3, 100, 3)]
    public void Many_likely_indexes_and_ties_at_the_bar_still_give_the_largest_first(int n, int length, int likelyCount)
    {
        var random = new Random(n * likelyCount);
        for (var round = 0; round < 30; round++)
        {
            // Ties at the bar: a value repeated at likely and unlikely indexes alike.
            var values = Enumerable.Range(0, length).Select(_ => random.Next(8) / 8f).ToArray();
            var likely = Enumerable.Range(0, length).OrderBy(_ => random.Next()).Take(likelyCount).ToArray();
            var top = new int[n];

            var found = TopSelection.Largest(values, top, likely);

            var expected = Reference(values, n);
            Assert.Equal(expected, top[..found]);
        }
    }
}
