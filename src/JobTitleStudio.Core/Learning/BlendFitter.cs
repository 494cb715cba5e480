using System.Numerics.Tensors;

namespace JobTitleStudio.Core.Learning;

/// <summary>The learners' probabilities for one held-out title on one axis, with its true labels.</summary>
internal sealed record HeldOutScores(float[] Linear, float[] Bayes, float[] Neighbours, int[] Labels);

/// <summary>
/// Fits <see cref="BlendWeights"/> by coordinate search on held-out log-loss. Four weights and a few
/// thousand titles make a derivative-free search both robust and fast enough (about a second).
/// </summary>
internal static class BlendFitter
{
    private const int Rounds = 6;

    /// <summary>
    /// Fewer held-out titles than this keep the default weights: on a handful of titles the search just
    /// scales every weight up (a lower temperature) until the few it sees are certain, and the model then
    /// answers 1.0 for titles it has never seen.
    /// </summary>
    public const int MinHeldOutTitles = 50;
    private static readonly float[] Factors = [0f, 0.5f, 0.8f, 1.25f, 2f];

    public static BlendWeights Fit(IReadOnlyList<HeldOutScores> heldOut, bool multiLabel)
    {
        if (heldOut.Count < MinHeldOutTitles)
        {
            return BlendWeights.Default;
        }
        var best = BlendWeights.Default;
        var bestLoss = LogLoss(heldOut, best, multiLabel);
        for (var round = 0; round < Rounds; round++)
        {
            var improved = false;
            for (var coordinate = 0; coordinate < (multiLabel ? 4 : 3); coordinate++)
            {
                var current = Get(best, coordinate);
                foreach (var factor in Factors)
                {
                    var candidateValue = coordinate == 3 ? current + (factor - 1f) * 2f : (current == 0 && factor > 0 ? 0.1f * factor : current * factor);
                    var candidate = Set(best, coordinate, candidateValue);
                    if (candidate == best)
                    {
                        continue;
                    }
                    var loss = LogLoss(heldOut, candidate, multiLabel);
                    if (loss < bestLoss - 1e-6)
                    {
                        best = candidate;
                        bestLoss = loss;
                        improved = true;
                    }
                }
            }
            if (!improved)
            {
                break;
            }
        }
        return best;
    }

    /// <summary>Mean negative log-likelihood of the true labels (binary cross-entropy per category when multi-label).</summary>
    public static double LogLoss(IReadOnlyList<HeldOutScores> heldOut, BlendWeights weights, bool multiLabel)
    {
        var categories = heldOut[0].Linear.Length;
        var result = new float[categories];
        var scratch = new float[categories];
        var total = 0.0;
        foreach (var item in heldOut)
        {
            weights.Combine(multiLabel, item.Linear, item.Bayes, item.Neighbours, result, scratch);
            if (multiLabel)
            {
                TensorPrimitives.Subtract(1f, result, scratch);
                foreach (var label in item.Labels)
                {
                    scratch[label] = result[label];
                }
                TensorPrimitives.Max(scratch, 1e-7f, scratch);
                TensorPrimitives.Log(scratch, scratch);
                total -= TensorPrimitives.Sum<float>(scratch);
            }
            else
            {
                var sum = 0.0;
                foreach (var label in item.Labels)
                {
                    sum += Math.Log(Math.Max(result[label], 1e-7f));
                }
                total -= sum / item.Labels.Length;
            }
        }
        return total / heldOut.Count;
    }

    private static float Get(BlendWeights weights, int coordinate) => coordinate switch
    {
        0 => weights.Linear,
        1 => weights.Bayes,
        2 => weights.Neighbours,
        _ => weights.Bias,
    };

    private static BlendWeights Set(BlendWeights weights, int coordinate, float value) => coordinate switch
    {
        0 => weights with { Linear = value },
        1 => weights with { Bayes = value },
        2 => weights with { Neighbours = value },
        _ => weights with { Bias = value },
    };
}
