using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Core.Training;

namespace JobTitleStudio.Core.Evaluation;

public sealed record NamedCategoryMetrics(string Category, double Precision, double Recall, double F1, int Support, int Predicted);

public sealed record NamedConfusion(string Truth, string Predicted, int Count);

public sealed record UnknownLabel(string Label, int Rows);

/// <summary>An axis's metrics with categories by name: what <c>jts eval</c> prints and a model version keeps.</summary>
public sealed record AxisMetrics(
    int Evaluated,
    int SkippedUnknownLabels,
    IReadOnlyList<UnknownLabel> UnknownLabels,
    double Accuracy,
    double MacroF1,
    double Top1,
    double Top3,
    double Top5,
    double ExpectedCalibrationError,
    IReadOnlyList<NamedCategoryMetrics> PerCategory,
    IReadOnlyList<NamedConfusion> Confusions);

/// <summary>
/// Scores one axis of predictions against labels. On a multi-label axis a row counts as right when the top category is
/// its first label. Rows without a label are left out; rows whose label the model does not know are counted apart.
/// </summary>
public static class AxisEvaluation
{
    /// <summary>How many ranked categories the predictions need for top-5.</summary>
    public const int RankedCategories = 5;

    /// <param name="cells">Each row's label cell on the axis.</param>
    /// <param name="predictions">Each row's prediction on the axis, with at least <see cref="RankedCategories"/> in its top.</param>
    public static AxisMetrics Evaluate(AxisDefinition axis, IReadOnlyList<string> cells, IReadOnlyList<AxisPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(axis);
        var items = new List<EvaluationItem>();
        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var labels = LabelledAxes.SplitLabels(cells[i], axis.MultiLabel);
            if (labels.Length == 0)
            {
                continue;
            }
            if (!axis.TryIndexOf(labels[0], out var truth))
            {
                unknown[labels[0]] = unknown.GetValueOrDefault(labels[0]) + 1;
                continue;
            }
            var prediction = predictions[i];
            items.Add(new EvaluationItem(truth, [.. prediction.Top.Select(t => axis.IndexOf(t.Category))], prediction.Probability));
        }
        var metrics = Metrics.Evaluate(items);
        return new AxisMetrics(
            metrics.Count,
            unknown.Values.Sum(),
            [.. unknown.OrderByDescending(u => u.Value).Take(20).Select(u => new UnknownLabel(u.Key, u.Value))],
            metrics.Accuracy,
            metrics.MacroF1,
            metrics.Top1,
            metrics.Top3,
            metrics.Top5,
            metrics.ExpectedCalibrationError,
            [.. metrics.PerCategory.Where(c => c.Support > 0 || c.Predicted > 0)
                .Select(c => new NamedCategoryMetrics(axis.Categories[c.Category].Name, c.Precision, c.Recall, c.F1, c.Support, c.Predicted))],
            [.. metrics.Confusions.Select(c => new NamedConfusion(axis.Categories[c.Truth].Name, axis.Categories[c.Predicted].Name, c.Count))]);
    }
}
