using System.Numerics;
using System.Numerics.Tensors;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// Log-linear blend of the learners of one axis. Single-label: p ∝ exp(Σ w_l log p_l), a product of experts
/// whose overall scale is the inverse temperature. Multi-label: each category gets
/// sigmoid(bias + Σ w_l logit p_l). Weights are fitted on held-out titles to minimise log-loss.
/// </summary>
public sealed record BlendWeights(float Linear, float Bayes, float Neighbours, float Bias = 0f)
{
    private const float Epsilon = 1e-6f;

    public static BlendWeights Default { get; } = new(0.5f, 0.2f, 1f);

    internal void Combine(bool multiLabel, ReadOnlySpan<float> linear, ReadOnlySpan<float> bayes, ReadOnlySpan<float> neighbours, Span<float> result, Span<float> scratch)
    {
        result.Clear();
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
            AddLog(linear, Linear, result, scratch);
            AddLog(bayes, Bayes, result, scratch);
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
        Span<float> result,
        Span<float> scratch)
    {
        if (Linear == 0)
        {
            result.Clear();
        }
        else
        {
            Logs(linear, result);
            TensorPrimitives.Multiply(result, Linear, result);
        }
        if (bayesDense)
        {
            AddLog(bayes, Bayes, result, scratch);
        }
        else
        {
            AddLogAbove(bayes, bayesAt, 0f, Bayes, result);
        }
        AddLogAbove(votes, votedAt, voteRest, Neighbours, result);
        SoftMax(result, priorShare);
    }

    /// <summary>Adds weight * (log p - log rest) at the listed categories: the log of every other category's <paramref name="rest"/> taken as the baseline.</summary>
    private static void AddLogAbove(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> at, float rest, float weight, Span<float> into)
    {
        if (weight == 0)
        {
            return;
        }
        var baseline = MathF.Log(rest + Epsilon);
        foreach (var c in at)
        {
            into[c] += weight * (MathF.Log(probabilities[c] + Epsilon) - baseline);
        }
    }

    /// <summary>Softmax, then (1 - share) of it and share spread uniformly, the normalising and the mixing in one pass.</summary>
    private static void SoftMax(Span<float> scores, float share)
    {
        var max = TensorPrimitives.Max(scores);
        TensorPrimitives.Subtract(scores, max, scores);
        TensorPrimitives.Exp(scores, scores);
        var scale = (1f - share) / TensorPrimitives.Sum(scores);
        var uniform = share / scores.Length;
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scales = new Vector<float>(scale);
            var uniforms = new Vector<float>(uniform);
            for (; c + Vector<float>.Count <= scores.Length; c += Vector<float>.Count)
            {
                var at = scores.Slice(c, Vector<float>.Count);
                (new Vector<float>(at) * scales + uniforms).CopyTo(at);
            }
        }
        for (; c < scores.Length; c++)
        {
            scores[c] = scores[c] * scale + uniform;
        }
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
