namespace JobTitleStudio.Core.Evaluation;

/// <summary>One evaluated prediction: the true category, the ranked predicted categories, the top-1 probability.</summary>
public sealed record EvaluationItem(int Truth, IReadOnlyList<int> Ranked, double Confidence);

public sealed record CategoryMetrics(int Category, double Precision, double Recall, double F1, int Support, int Predicted);

/// <summary>A frequent mistake: items of category <see cref="Truth"/> predicted as <see cref="Predicted"/>.</summary>
public sealed record ConfusionPair(int Truth, int Predicted, int Count);

public sealed record EvaluationReport(
    int Count,
    double Accuracy,
    double MacroF1,
    double Top1,
    double Top3,
    double Top5,
    double ExpectedCalibrationError,
    IReadOnlyList<CategoryMetrics> PerCategory,
    IReadOnlyList<ConfusionPair> Confusions);

/// <summary>Pure metric functions over evaluated predictions.</summary>
public static class Metrics
{
    public const int DefaultCalibrationBins = 10;

    public static EvaluationReport Evaluate(IReadOnlyList<EvaluationItem> items, int confusionPairs = 20, int calibrationBins = DefaultCalibrationBins)
    {
        ArgumentNullException.ThrowIfNull(items);
        var perCategory = PerCategory(items);
        return new EvaluationReport(
            items.Count,
            TopK(items, 1),
            MacroF1(perCategory),
            TopK(items, 1),
            TopK(items, 3),
            TopK(items, 5),
            ExpectedCalibrationError(items, calibrationBins),
            perCategory,
            Confusions(items, confusionPairs));
    }

    /// <summary>Share of items whose truth is among the first <paramref name="k"/> ranked categories.</summary>
    public static double TopK(IReadOnlyList<EvaluationItem> items, int k)
    {
        if (items.Count == 0)
        {
            return 0;
        }
        var hits = 0;
        foreach (var item in items)
        {
            for (var i = 0; i < Math.Min(k, item.Ranked.Count); i++)
            {
                if (item.Ranked[i] == item.Truth)
                {
                    hits++;
                    break;
                }
            }
        }
        return (double)hits / items.Count;
    }

    /// <summary>Precision, recall and F1 of top-1 predictions for every category that is true or predicted at least once.</summary>
    public static IReadOnlyList<CategoryMetrics> PerCategory(IReadOnlyList<EvaluationItem> items)
    {
        var support = new Dictionary<int, int>();
        var predicted = new Dictionary<int, int>();
        var correct = new Dictionary<int, int>();
        foreach (var item in items)
        {
            Increment(support, item.Truth);
            if (item.Ranked.Count == 0)
            {
                continue;
            }
            Increment(predicted, item.Ranked[0]);
            if (item.Ranked[0] == item.Truth)
            {
                Increment(correct, item.Truth);
            }
        }
        return [.. support.Keys.Union(predicted.Keys).Order().Select(c =>
        {
            var s = support.GetValueOrDefault(c);
            var p = predicted.GetValueOrDefault(c);
            var tp = correct.GetValueOrDefault(c);
            var precision = p == 0 ? 0 : (double)tp / p;
            var recall = s == 0 ? 0 : (double)tp / s;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new CategoryMetrics(c, precision, recall, f1, s, p);
        })];
    }

    /// <summary>Unweighted mean F1 over the categories that are true or predicted at least once.</summary>
    public static double MacroF1(IReadOnlyList<CategoryMetrics> perCategory) =>
        perCategory.Count == 0 ? 0 : perCategory.Average(c => c.F1);

    /// <summary>Most frequent (truth, predicted) pairs among top-1 mistakes, most frequent first.</summary>
    public static IReadOnlyList<ConfusionPair> Confusions(IReadOnlyList<EvaluationItem> items, int count)
    {
        var pairs = new Dictionary<(int, int), int>();
        foreach (var item in items)
        {
            if (item.Ranked.Count > 0 && item.Ranked[0] != item.Truth)
            {
                var key = (item.Truth, item.Ranked[0]);
                pairs[key] = pairs.GetValueOrDefault(key) + 1;
            }
        }
        return [.. pairs.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2)
            .Take(count).Select(p => new ConfusionPair(p.Key.Item1, p.Key.Item2, p.Value))];
    }

    /// <summary>
    /// Expected calibration error of the top-1 probability: items binned by confidence into equal-width
    /// bins; the support-weighted mean of |accuracy - mean confidence| per bin.
    /// </summary>
    public static double ExpectedCalibrationError(IReadOnlyList<EvaluationItem> items, int bins = DefaultCalibrationBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (items.Count == 0)
        {
            return 0;
        }
        var count = new int[bins];
        var correct = new int[bins];
        var confidence = new double[bins];
        foreach (var item in items)
        {
            var bin = Math.Clamp((int)(item.Confidence * bins), 0, bins - 1);
            count[bin]++;
            confidence[bin] += item.Confidence;
            if (item.Ranked.Count > 0 && item.Ranked[0] == item.Truth)
            {
                correct[bin]++;
            }
        }
        var error = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                error += Math.Abs((double)correct[b] / count[b] - confidence[b] / count[b]) * count[b] / items.Count;
            }
        }
        return error;
    }

    /// <summary>
    /// Prequential (test-then-train) accuracy: each item is predicted first and then its true label is
    /// learned, the way analysts' corrections arrive. Returns the share predicted right before learning.
    /// </summary>
    public static double Prequential<T>(IEnumerable<T> items, Func<T, bool> predictIsRight, Action<T> learn)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(predictIsRight);
        ArgumentNullException.ThrowIfNull(learn);
        var total = 0;
        var right = 0;
        foreach (var item in items)
        {
            total++;
            if (predictIsRight(item))
            {
                right++;
            }
            learn(item);
        }
        return total == 0 ? 0 : (double)right / total;
    }

    private static void Increment(Dictionary<int, int> counts, int key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
