using System.Numerics.Tensors;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

/// <summary>
/// The fused passes against the TensorPrimitives chains they replace, bit for bit: every length from the scalar
/// fallback through both vector widths and their overlapping last vector, and the extremes of a softmax.
/// </summary>
public sealed class ProbabilityTests
{
    public static TheoryData<int> Lengths => [.. Enumerable.Range(1, 70).Append(127).Append(1017)];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void The_softmax_is_the_max_subtract_exp_divide_chain_and_reports_its_largest_probability(int length)
    {
        var random = new Random(length);
        var scores = Values(random, length, -40f, 25f);
        var expected = ReferenceSoftMax(scores);

        var actual = scores.ToArray();
        var largest = Probability.SoftMax(actual);

        AssertBitwise(expected, actual);
        Assert.Equal(TensorPrimitives.Max<float>(expected), largest);
    }

    [Theory]
    [InlineData(1e30f, -1e30f)]
    [InlineData(88f, -104f)]
    [InlineData(-1e4f, -1.00001e4f)]
    [InlineData(3f, 3f)]
    public void The_softmax_of_extreme_scores_is_the_chains_and_sums_to_one(float high, float low)
    {
        foreach (var length in new[] { 1, 2, 11, 26, 1017 })
        {
            var scores = Enumerable.Range(0, length).Select(i => i % 3 == 0 ? high : low).ToArray();
            var expected = ReferenceSoftMax(scores);

            var actual = scores.ToArray();
            var largest = Probability.SoftMax(actual);

            AssertBitwise(expected, actual);
            Assert.Equal(expected.Max(), largest);
            Assert.Equal(1.0, actual.Sum(p => (double)p), 1e-5);
            Assert.All(actual, p => Assert.True(float.IsFinite(p) && p >= 0));
        }
    }

    [Fact]
    public void Equal_scores_give_a_uniform_distribution_and_one_category_gives_certainty()
    {
        var equal = Enumerable.Repeat(-7.5f, 26).ToArray();
        Assert.Equal(1f / 26, Probability.SoftMax(equal), 1e-7f);
        Assert.All(equal, p => Assert.Equal(1f / 26, p, 1e-7f));

        float[] one = [123.4f];
        Assert.Equal(1f, Probability.SoftMax(one));
        Assert.Equal(1f, one[0]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(1017)]
    public void A_NaN_score_leaves_no_number_as_the_chain_does(int length)
    {
        var scores = Values(new Random(length), length, -5f, 5f);
        scores[length / 2] = float.NaN;
        Assert.All(ReferenceSoftMax(scores), p => Assert.True(float.IsNaN(p)));

        Probability.SoftMax(scores);

        Assert.All(scores, p => Assert.True(float.IsNaN(p)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void The_maximum_is_TensorPrimitives_maximum(int length)
    {
        var random = new Random(100 + length);
        var values = Values(random, length, -1e6f, -1e3f);
        values[random.Next(length)] = float.NegativeInfinity;

        Assert.Equal(TensorPrimitives.Max<float>(values), Probability.Max(values));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void The_weighted_logs_are_the_add_log_multiply_chain_with_its_maximum(int length)
    {
        var random = new Random(200 + length);
        var p = Probabilities(random, length);
        var q = Probabilities(random, length);
        var expected = new float[length];
        TensorPrimitives.Add(p, 1e-6f, expected);
        TensorPrimitives.Log(expected, expected);
        TensorPrimitives.Multiply(expected, 0.83f, expected);

        var one = new float[length];
        var max = Probability.WeightedLogs(p, 0.83f, one);

        AssertBitwise(expected, one);
        Assert.Equal(TensorPrimitives.Max<float>(expected), max);

        var logs = new float[length];
        TensorPrimitives.Add(q, 1e-6f, logs);
        TensorPrimitives.Log(logs, logs);
        TensorPrimitives.MultiplyAdd(logs, 0.27f, expected, expected);

        var two = new float[length];
        max = Probability.WeightedLogs(p, 0.83f, q, 0.27f, two);

        AssertBitwise(expected, two);
        Assert.Equal(TensorPrimitives.Max<float>(expected), max);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Scaling_and_shifting_in_place_is_the_multiply_then_add_of_each_value(int length)
    {
        var values = Values(new Random(300 + length), length, 0f, 1f);
        var expected = values.Select(v => v * 0.9993f + 0.0007f / length).ToArray();

        Probability.ScaleAndShift(values, 0.9993f, 0.0007f / length);

        AssertBitwise(expected, values);
    }

    /// <summary>The single-label blend before its passes were fused: logs, the sparse additions, max, exp, sum, normalise and mix.</summary>
    [Theory]
    [InlineData(0.8f, 0.3f, 1.2f, false)]
    [InlineData(0.8f, 0.3f, 1.2f, true)]
    [InlineData(0f, 0.3f, 1.2f, false)]
    [InlineData(0f, 0f, 1.2f, false)]
    [InlineData(0.8f, 0.3f, -1.2f, false)]
    public void The_single_label_blend_is_the_unfused_chain_bit_for_bit(float linearWeight, float bayesWeight, float neighbourWeight, bool bayesDense)
    {
        foreach (var count in new[] { 1, 2, 3, 11, 26, 1017 })
        {
            var random = new Random(count);
            var weights = new BlendWeights(linearWeight, bayesWeight, neighbourWeight);
            var linear = Probabilities(random, count);
            int[] candidates = [.. Enumerable.Range(0, Math.Min(count, 20)).Select(k => k * 7 % count).Distinct()];
            var bayes = bayesDense ? Probabilities(random, count) : new float[count];
            if (!bayesDense)
            {
                foreach (var c in candidates)
                {
                    bayes[c] = random.NextSingle();
                }
            }
            int[] voted = [.. new[] { 1 % count, count - 1 }.Distinct()];
            var rest = 0.01f / count;
            var votes = Enumerable.Repeat(rest, count).ToArray();
            votes[voted[0]] = 0.7f;
            votes[voted[^1]] += 0.2f;
            const float share = 0.003f;

            var expected = new float[count];
            if (linearWeight != 0)
            {
                TensorPrimitives.Add(linear, 1e-6f, expected);
                TensorPrimitives.Log(expected, expected);
                TensorPrimitives.Multiply(expected, linearWeight, expected);
            }
            if (bayesDense)
            {
                if (bayesWeight != 0)
                {
                    var logs = new float[count];
                    TensorPrimitives.Add(bayes, 1e-6f, logs);
                    TensorPrimitives.Log(logs, logs);
                    TensorPrimitives.MultiplyAdd(logs, bayesWeight, expected, expected);
                }
            }
            else
            {
                AddAbove(bayes, candidates, 0f, bayesWeight, expected);
            }
            AddAbove(votes, voted, rest, neighbourWeight, expected);
            TensorPrimitives.Subtract(expected, TensorPrimitives.Max<float>(expected), expected);
            TensorPrimitives.Exp(expected, expected);
            var scale = (1f - share) / TensorPrimitives.Sum<float>(expected);
            for (var c = 0; c < count; c++)
            {
                expected[c] = expected[c] * scale + share / count;
            }

            var actual = new float[count];
            weights.CombineSingleLabel(linear, bayes, bayesDense, candidates, votes, voted, rest, share, actual);

            AssertBitwise(expected, actual);
        }
    }

    private static void AddAbove(float[] probabilities, int[] at, float rest, float weight, float[] into)
    {
        if (weight == 0)
        {
            return;
        }
        var baseline = MathF.Log(rest + 1e-6f);
        foreach (var c in at)
        {
            into[c] += weight * (MathF.Log(probabilities[c] + 1e-6f) - baseline);
        }
    }

    private static float[] ReferenceSoftMax(float[] scores)
    {
        var result = scores.ToArray();
        TensorPrimitives.Subtract(result, TensorPrimitives.Max<float>(result), result);
        TensorPrimitives.Exp(result, result);
        TensorPrimitives.Divide(result, TensorPrimitives.Sum<float>(result), result);
        return result;
    }

    private static float[] Values(Random random, int length, float low, float high) =>
        [.. Enumerable.Range(0, length).Select(_ => low + (high - low) * random.NextSingle())];

    /// <summary>A distribution with exact zeros and ones among tiny and ordinary probabilities.</summary>
    private static float[] Probabilities(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(i => (i % 9) switch { 0 => 0f, 4 => 1f, _ => MathF.Pow(random.NextSingle(), 12) })];

    private static void AssertBitwise(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"element {i} of {expected.Length}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
