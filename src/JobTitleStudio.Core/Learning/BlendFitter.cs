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

    public static BlendWeights Fit(IReadOnlyList<HeldOutScores> heldOut, bool multiLabel, bool fitRanking = true)
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
        return !fitRanking || multiLabel || heldOut.Count < MinRankingTitles || heldOut[0].Linear.Length < MinRankingCategories || best.Linear <= 0 ? best : FitRanking(heldOut, best, bestLoss);
    }

    /// <summary>
    /// Held-out titles from which the ranking is fitted too (<see cref="FitRanking"/>): on fewer, one title more
    /// or less in the top 5 swings the choice.
    /// </summary>
    public const int MinRankingTitles = 1000;

    /// <summary>
    /// Categories an axis needs for the ranking fit. With few, nearly every label is in the top 5 and the fit
    /// comes down to top-1 on a couple of thousand held-out titles, noisier than log-loss: on the default
    /// table (benchmark default-split) it cost Function (26 categories) 0.002 top-1, while Occupation (1,017) gained.
    /// </summary>
    public const int MinRankingCategories = 100;

    /// <summary>Naive Bayes and neighbour weights tried against a linear weight of 1 when fitting the ranking.</summary>
    private static readonly float[] RankingRatios = [0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.8f, 1f, 1.3f];

    /// <summary>
    /// Log-loss is dominated by the titles the blend gets badly wrong, so its optimum is not the best ranking:
    /// on the O*NET split it gave naive Bayes about a fifth of the linear weight where half of it put 0.4
    /// points more titles first. The ranking depends only on the ratios of the weights; this picks the ratios
    /// that put the most held-out labels first and in the top 5, then the overall scale (the temperature)
    /// that minimises log-loss again.
    /// </summary>
    private static BlendWeights FitRanking(IReadOnlyList<HeldOutScores> heldOut, BlendWeights fitted, double fittedLoss)
    {
        var categories = heldOut[0].Linear.Length;
        var logs = new float[heldOut.Count][];
        Parallel.For(0, heldOut.Count, i =>
        {
            var item = heldOut[i];
            var row = new float[3 * categories];
            BlendWeights.Logs(item.Linear, row.AsSpan(0, categories));
            BlendWeights.Logs(item.Bayes, row.AsSpan(categories, categories));
            BlendWeights.Logs(item.Neighbours, row.AsSpan(2 * categories, categories));
            logs[i] = row;
        });
        var bestBayes = fitted.Bayes / fitted.Linear;
        var bestNeighbours = fitted.Neighbours / fitted.Linear;
        var bestHits = RankingHits(heldOut, logs, bestBayes, bestNeighbours);
        foreach (var bayes in RankingRatios)
        {
            foreach (var neighbours in RankingRatios)
            {
                var hits = RankingHits(heldOut, logs, bayes, neighbours);
                if (hits > bestHits)
                {
                    (bestBayes, bestNeighbours, bestHits) = (bayes, neighbours, hits);
                }
            }
        }
        if (bestBayes == fitted.Bayes / fitted.Linear && bestNeighbours == fitted.Neighbours / fitted.Linear)
        {
            return fitted;
        }
        var best = fitted;
        var bestLoss = fittedLoss;
        for (var scale = 0.05f; scale <= 4f; scale *= 1.1f)
        {
            var candidate = new BlendWeights(scale, scale * bestBayes, scale * bestNeighbours);
            var loss = LogLoss(heldOut, candidate, multiLabel: false);
            if (best == fitted || loss < bestLoss)
            {
                (best, bestLoss) = (candidate, loss);
            }
        }
        return best;
    }

    /// <summary>Held-out labels ranked first plus those ranked in the top 5, with weights 1, bayes and neighbours.</summary>
    private static int RankingHits(IReadOnlyList<HeldOutScores> heldOut, float[][] logs, float bayes, float neighbours)
    {
        var total = 0;
        Parallel.For(0, heldOut.Count, () => (Hits: 0, Scores: new float[heldOut[0].Linear.Length]), (i, _, local) =>
        {
            var scores = local.Scores;
            var count = scores.Length;
            var row = logs[i].AsSpan();
            TensorPrimitives.MultiplyAdd(row.Slice(count, count), bayes, row[..count], scores);
            TensorPrimitives.MultiplyAdd(row.Slice(2 * count, count), neighbours, scores, scores);
            foreach (var label in heldOut[i].Labels)
            {
                var truth = scores[label];
                var above = 0;
                for (var c = 0; c < count && above < 5; c++)
                {
                    above += scores[c] > truth ? 1 : 0;
                }
                local.Hits += (above < 1 ? 1 : 0) + (above < 5 ? 1 : 0);
            }
            return local;
        }, local => Interlocked.Add(ref total, local.Hits));
        return total;
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
