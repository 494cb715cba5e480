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

    [Fact]
    public void Multiply_add_half_widens_every_finite_16_bit_float_exactly()
    {
        var finite = Enumerable.Range(0, 1 << 16)
            .Select(bits => BitConverter.UInt16BitsToHalf((ushort)bits))
            .Where(Half.IsFinite)
            .ToArray();
        var sum = new float[finite.Length];

        Vectors.MultiplyAddHalf(finite, 1f, sum);

        for (var i = 0; i < finite.Length; i++)
        {
            Assert.Equal((float)finite[i], sum[i]);
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(56)]
    [InlineData(13)]
    [InlineData(3)]
    public void Multiply_add_half_adds_the_scaled_row_to_the_sum_at_every_length(int length)
    {
        var random = new Random(length);
        var row = Enumerable.Range(0, length).Select(_ => (Half)(random.NextDouble() - 0.5)).ToArray();
        var sum = Enumerable.Range(0, length + 2).Select(_ => (float)random.NextDouble()).ToArray();
        var expected = sum.ToArray();

        Vectors.MultiplyAddHalf(row, 0.25f, sum);

        for (var i = 0; i < length; i++)
        {
            Assert.Equal(MathF.FusedMultiplyAdd((float)row[i], 0.25f, expected[i]), sum[i]);
        }
        Assert.Equal(expected[length..], sum[length..]);
    }

    [Theory]
    [InlineData(128, 140)]
    [InlineData(32, 32)]
    [InlineData(64, 96)]
    public void DotBytes8_gives_the_exact_integer_dot_product_of_unsigned_and_signed_bytes(int length, int stride)
    {
        var random = new Random(length);
        var vector = new byte[length];
        random.NextBytes(vector);
        vector[0] = 255;
        // Past the eighth row's bytes: what follows a block's rows (its scales) is not read.
        var rows = new byte[7 * stride + length + 16];
        random.NextBytes(rows);
        rows.AsSpan(0, length).Fill(unchecked((byte)sbyte.MinValue));
        rows.AsSpan(stride, length).Fill((byte)sbyte.MaxValue);

        // The machine's path (VNNI where it has it) and the path of machines without it.
        var dots = Vectors.DotBytes8(vector, rows, stride);
        var widened = Vectors.DotBytes8Widened(vector, rows, stride);

        for (var r = 0; r < 8; r++)
        {
            var expected = 0;
            for (var i = 0; i < length; i++)
            {
                expected += vector[i] * (sbyte)rows[r * stride + i];
            }
            Assert.Equal(expected, dots[r]);
            Assert.Equal(expected, widened[r]);
        }
    }

    [Fact]
    public void DotBytes8_refuses_a_vector_of_partial_vectors_or_rows_that_do_not_fit()
    {
        var rows = new byte[8 * 32];

        Assert.Throws<ArgumentException>(() => Vectors.DotBytes8(new byte[48], rows, 48));
        Assert.Throws<ArgumentException>(() => Vectors.DotBytes8(new byte[32], rows.AsSpan(1), 32));
    }
}
