using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class QueryTableTests
{
    [Fact]
    public void Dot_products_equal_a_plain_sum_over_the_shared_features()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 300).Select(_ => random.Next(1 << 20)).Distinct().Take(60).Order().ToArray();
        var weights = ids.Select(_ => (float)random.NextDouble()).ToArray();
        var homes = QueryTable.HomesFor(ids.Length);
        var keys = new int[QueryTable.SizeFor(ids.Length, homes)];
        var values = new float[keys.Length];
        while (!QueryTable.TryBuild(ids, weights, homes, keys, values))
        {
            homes *= 2;
            keys = new int[QueryTable.SizeFor(ids.Length, homes)];
            values = new float[keys.Length];
        }
        var table = new QueryTable(keys, values, homes);
        // A candidate sharing every other query feature, plus features the query does not have.
        var candidate = ids.Where((_, i) => i % 2 == 0).Concat(Enumerable.Range(0, 40).Select(_ => random.Next(1 << 20)).Except(ids)).Distinct().ToArray();
        var stored = candidate.Select(_ => (ushort)random.Next(1, 65536)).ToArray();

        var expected = 0.0;
        for (var i = 0; i < candidate.Length; i++)
        {
            var at = Array.IndexOf(ids, candidate[i]);
            expected += at < 0 ? 0 : weights[at] * UnitValue.ToFloat(stored[i]);
        }

        Assert.Equal(expected, table.Dot(candidate, stored), 4);
        Assert.Equal(expected, table.Dot(candidate, [.. stored.Select(UnitValue.ToFloat)]), 4);
        Assert.Equal(0f, table.Dot([-5, 1 << 21], (ushort[])[65535, 65535]));
    }

    [Fact]
    public void A_build_fails_when_more_keys_share_a_home_than_one_lookup_compares_and_succeeds_with_more_homes()
    {
        const int homes = 8;
        // Ids whose multiplicative hash lands in the same home slot of an 8-home table.
        var crowded = Enumerable.Range(1, 100_000).Where(id => (uint)id * 2654435769u >> 29 == 3).Take(QueryTable.Window + 1).ToArray();
        var weights = crowded.Select((_, i) => i + 1f).ToArray();
        var keys = new int[QueryTable.SizeFor(crowded.Length, homes)];
        var values = new float[keys.Length];

        Assert.False(QueryTable.TryBuild(crowded, weights, homes, keys, values));

        var more = 1 << 12;
        keys = new int[QueryTable.SizeFor(crowded.Length, more)];
        values = new float[keys.Length];
        Assert.True(QueryTable.TryBuild(crowded, weights, more, keys, values));
        var table = new QueryTable(keys, values, more);
        for (var i = 0; i < crowded.Length; i++)
        {
            Assert.Equal(weights[i], table.Dot([crowded[i]], [1f]));
        }
    }
}
