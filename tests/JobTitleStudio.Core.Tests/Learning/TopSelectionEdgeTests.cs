using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

/// <summary>Selection at the edges its vector paths have: NaNs, signed zeros, lengths around the vector and group widths (from the review of the selection speed-ups).</summary>
public sealed class TopSelectionEdgeTests
{
    [Fact]
    public void A_positive_nan_as_a_groups_maximum_still_leaves_as_many_as_asked()
    {
        // 128 values: one 16-wide chunk per group, so the NaN stays its group's maximum (MaxNative keeps the second operand).
        var values = Enumerable.Repeat(1f, 128).ToArray();
        values[0] = BitConverter.Int32BitsToSingle(0x7FC00000); // positive quiet NaN (e.g. -float.NaN)
        values[1] = 5f;
        var top = new int[2];

        var found = TopSelection.Largest(values, top);

        // Every other path (ByInsertion, the old code) returns two; the finite reference is [1, 2].
        Assert.Equal(2, found);
    }

    [Fact]
    public void A_positive_nan_among_the_likely_values_still_leaves_as_many_as_asked()
    {
        var values = Enumerable.Repeat(1f, 1017).ToArray();
        values[10] = BitConverter.Int32BitsToSingle(0x7FC00000);
        values[20] = 5f;
        var top = new int[2];

        var found = TopSelection.Largest(values, top, [10, 20, 30]);

        Assert.Equal(2, found);
    }

    [Fact]
    public void Few_values_that_are_all_nan_give_what_many_do()
    {
        var values = Enumerable.Repeat(float.NaN, 11).ToArray();
        var fewTop = new int[5];
        var manyTop = new int[5];

        var few = TopSelection.Largest(values, fewTop);
        var many = TopSelection.Largest(Enumerable.Repeat(float.NaN, 70).ToArray(), manyTop);

        Assert.Equal(many, few);
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(1, 17)]
    [InlineData(2, 32)]
    [InlineData(4, 64)]
    [InlineData(4, 65)]
    [InlineData(8, 128)]
    [InlineData(8, 129)]
    [InlineData(16, 255)]
    [InlineData(16, 256)]
    [InlineData(16, 2047)]
    [InlineData(16, 2048)]
    [InlineData(16, 2049)]
    [InlineData(64, 1024)]
    [InlineData(64, 1025)]
    [InlineData(64, 5000)]
    [InlineData(1, 1)]
    [InlineData(3, 0)]
    [InlineData(0, 50)]
    [InlineData(70, 64)]
    public void Lengths_at_vector_and_group_edges_give_the_reference(int n, int length)
    {
        var random = new Random(n * 1000 + length);
        for (var round = 0; round < 60; round++)
        {
            var values = Enumerable.Range(0, length).Select(_ => (round % 4) switch
            {
                0 => MathF.Pow(random.NextSingle(), 8),
                1 => -random.Next(20) / 4f,
                2 => random.Next(3) == 0 ? float.NegativeInfinity : (random.Next(2) == 0 ? 0f : -0f),
                _ => random.NextSingle() * 1e-40f,
            }).ToArray();
            var floor = round % 5 == 4 ? 0.1f : float.NegativeInfinity;
            var likely = Enumerable.Range(0, length).OrderBy(_ => random.Next()).Take(random.Next(0, 80)).ToArray();
            var top = new int[n];
            var top2 = new int[n];

            var found = TopSelection.Largest(values, top, floor);
            var found2 = TopSelection.Largest(values, top2, likely, floor);

            var expected = TopSelectionTests.Reference(values, n, floor);
            // -0 and +0 tie as floats: compare values and index order only where values differ in key order.
            Assert.Equal(expected.Length, found);
            Assert.Equal(expected.Length, found2);
            Assert.Equal(expected.Select(i => values[i]), top[..found].Select(i => values[i]));
            Assert.Equal(expected.Select(i => values[i]), top2[..found2].Select(i => values[i]));
        }
    }

    [Fact]
    public void Minus_zero_and_plus_zero_tie_by_lower_index_on_every_path()
    {
        foreach (var length in new[] { 10, 70, 1017 })
        {
            var values = new float[length];
            Array.Fill(values, -1f);
            values[3] = -0f;
            values[5] = 0f;
            var top = new int[2];
            TopSelection.Largest(values, top);
            // ByInsertion (length 70, top 2: ... ) and the bar/rank paths should agree.
            Assert.True(top[0] == 3, $"length {length}: [{top[0]}, {top[1]}]");
        }
    }
}
