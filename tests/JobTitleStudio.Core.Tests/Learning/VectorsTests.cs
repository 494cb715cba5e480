using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class VectorsTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(26)]
    [InlineData(13)]
    [InlineData(3)]
    public void Dot4_gives_each_rows_dot_product_and_ignores_what_lies_beyond_the_vector(int length)
    {
        var random = new Random(length);
        var vector = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        // One float more per row, as an output row keeps its bias after the weights.
        var rows = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, length + 1).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();

        var dots = Vectors.Dot4(rows[0], rows[1], rows[2], rows[3], vector);

        for (var r = 0; r < 4; r++)
        {
            var expected = 0.0;
            for (var i = 0; i < length; i++)
            {
                expected += (double)rows[r][i] * vector[i];
            }
            Assert.Equal(expected, dots[r], 4);
        }
    }

    [Fact]
    public void Dot4_refuses_a_row_shorter_than_the_vector()
    {
        var row = new float[8];

        Assert.Throws<ArgumentException>(() => Vectors.Dot4(row, row, row, new float[7], row));
    }
}
