using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// Log-linear blend of the learners of one axis. Single-label: p ∝ exp(Σ w_l log p_l), a product of experts
/// whose overall scale is the inverse temperature. Multi-label: each category gets
/// sigmoid(bias + Σ w_l logit p_l). Weights are fitted on held-out titles to minimise log-loss.
/// </summary>
public sealed record BlendWeights(float Linear, float Bayes, float Neighbours, float Bias = 0f)
{
    private const float Epsilon = Probability.LogEpsilon;

    public static BlendWeights Default { get; } = new(0.5f, 0.2f, 1f);

    internal void Combine(bool multiLabel, ReadOnlySpan<float> linear, ReadOnlySpan<float> bayes, ReadOnlySpan<float> neighbours, Span<float> result, Span<float> scratch)
    {
        if (multiLabel)
        {
            result.Fill(Bias);
            AddLogit(linear, Linear, result);
            AddLogit(bayes, Bayes, result);
            AddLogit(neighbours, Neighbours, result);
            TensorPrimitives.Sigmoid(result, result);
        }
        else
        {
            DenseLogs(linear, bayes, bayesDense: true, result);
            AddLog(neighbours, Neighbours, result, scratch);
            Probability.SoftMax(result);
        }
    }

    /// <summary>
    /// The single-label blend of a prediction, with <see cref="TitleClassifier.MixPrior"/>'s uniform
    /// <paramref name="priorShare"/> mixed in. Naive Bayes and the vote are sparse: <paramref name="bayes"/> is read at
    /// <paramref name="bayesAt"/> only (every other category has probability 0) unless <paramref name="bayesDense"/>,
    /// and <paramref name="votes"/> at <paramref name="votedAt"/> only (every other category has <paramref name="voteRest"/>).
    /// A category outside those lists adds the same log as every other one, which the softmax cancels, so only the listed
    /// categories add their difference to it: the same distribution as <see cref="Combine"/> up to float rounding,
    /// without two passes of logs over a thousand categories. No vote at all (the search was skipped) is a uniform vote.
    /// </summary>
    internal void CombineSingleLabel(
        ReadOnlySpan<float> linear,
        ReadOnlySpan<float> bayes,
        bool bayesDense,
        ReadOnlySpan<int> bayesAt,
        ReadOnlySpan<float> votes,
        ReadOnlySpan<int> votedAt,
        float voteRest,
        float priorShare,
        Span<float> result)
    {
        var max = DenseLogs(linear, bayes, bayesDense, result);
        var kept = bayesDense || AddLogAbove(bayes, bayesAt, 0f, Bayes, result, ref max);
        kept &= AddLogAbove(votes, votedAt, voteRest, Neighbours, result, ref max);
        SoftMax(result, kept ? max : Probability.Max(result), priorShare);
    }

    /// <summary>
    /// result = the weighted logs of the linear probabilities, plus naive Bayes's when <paramref name="bayesDense"/>, in
    /// one pass (zeros when neither weighs); returns the largest. The same floats as clearing result and adding each with
    /// <see cref="AddLog"/> (the fused pass keeps the chain's operations and order), so the full blend the weights are
    /// fitted on and the sparse one of a prediction start alike.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float DenseLogs(ReadOnlySpan<float> linear, ReadOnlySpan<float> bayes, bool bayesDense, Span<float> result)
    {
        var dense = bayesDense && Bayes != 0;
        return Linear == 0 && !dense ? Clear(result)
            : Linear == 0 ? Probability.WeightedLogs(bayes, Bayes, result)
            : dense ? Probability.WeightedLogs(linear, Linear, bayes, Bayes, result)
            : Probability.WeightedLogs(linear, Linear, result);
    }

    private static float Clear(Span<float> result)
    {
        result.Clear();
        return 0f;
    }

    /// <summary>
    /// Adds weight * (log p - log rest) at the listed categories: the log of every other category's <paramref name="rest"/>
    /// taken as the baseline. <paramref name="max"/>, the largest value before, follows the raised ones; false when one was
    /// lowered (a negative weight), since the largest may then be gone.
    /// </summary>
    private static bool AddLogAbove(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> at, float rest, float weight, Span<float> into, ref float max)
    {
        if (weight == 0)
        {
            return true;
        }
        var baseline = MathF.Log(rest + Epsilon);
        var kept = true;
        foreach (var c in at)
        {
            var before = into[c];
            var after = before + weight * (MathF.Log(probabilities[c] + Epsilon) - baseline);
            into[c] = after;
            kept &= after >= before;
            max = MathF.Max(max, after);
        }
        return kept;
    }

    /// <summary>
    /// Softmax shifted by the known largest score, then (1 - share) of it and share spread uniformly, the normalising
    /// and the mixing in one pass.
    /// </summary>
    private static void SoftMax(Span<float> scores, float max, float share)
    {
        Probability.ExpShifted(scores, max);
        Probability.ScaleAndShift(scores, (1f - share) / TensorPrimitives.Sum<float>(scores), share / scores.Length);
    }

    internal static void AddLog(ReadOnlySpan<float> probabilities, float weight, Span<float> into, Span<float> scratch)
    {
        if (weight == 0)
        {
            return;
        }
        Logs(probabilities, scratch);
        TensorPrimitives.MultiplyAdd(scratch, weight, into, into);
    }

    /// <summary>The log of each probability as <see cref="AddLog"/> adds it.</summary>
    internal static void Logs(ReadOnlySpan<float> probabilities, Span<float> logs)
    {
        TensorPrimitives.Add(probabilities, Epsilon, logs);
        TensorPrimitives.Log(logs, logs);
    }

    internal static void AddLogit(ReadOnlySpan<float> probabilities, float weight, Span<float> into)
    {
        if (weight == 0)
        {
            return;
        }
        for (var c = 0; c < probabilities.Length; c++)
        {
            var p = Math.Clamp(probabilities[c], Epsilon, 1f - Epsilon);
            into[c] += weight * MathF.Log(p / (1f - p));
        }
    }
}
