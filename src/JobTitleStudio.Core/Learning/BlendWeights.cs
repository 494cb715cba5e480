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
