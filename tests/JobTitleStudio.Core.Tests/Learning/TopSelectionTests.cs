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

            var expected = Enumerable.Range(0, length).Where(i => values[i] > floor).OrderByDescending(i => values[i]).ThenBy(i => i).Take(n).ToArray();
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

            var expected = Enumerable.Range(0, length).OrderByDescending(i => values[i]).ThenBy(i => i).Take(n).ToArray();
            Assert.Equal(expected, top[..found]);
        }
    }
}
