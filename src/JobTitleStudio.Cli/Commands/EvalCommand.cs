using System.Text.Json;
using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Cli.Commands;

/// <summary>
/// <c>jts eval</c>: the model's metrics on a labelled file, as JSON on standard output. On a
/// multi-label axis a row counts as right when the top category is one of its labels' first.
/// </summary>
public static class EvalCommand
{
    private const int RankedCategories = 5;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int Run(CommandLine options, CliOutput output)
    {
        var modelPath = options.Optional("model");
        var input = LabelledInput.Read(options, output);
        options.RejectUnknown();
        var model = ModelLocation.Load(modelPath, output);
        var axes = input.Axes.Select(name => model.Axes.FirstOrDefault(a => a.Name == name)
            ?? throw new CliException($"--label-column names axis '{name}', which the model does not have; its axes are: {string.Join(", ", model.Axes.Select(a => a.Name))}.")).ToList();

        var predictions = model.PredictBatch([.. input.Rows.Select(r => r.Title)], new PredictionOptions { TopN = RankedCategories, Axes = input.Axes });
        var report = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var a = 0; a < axes.Count; a++)
        {
            report[axes[a].Name] = EvaluateAxis(axes[a], a, input, predictions);
        }
        output.Data.WriteLine(JsonSerializer.Serialize(new { model = modelPath ?? "shipped", rows = input.Rows.Count, axes = report }, Json));
        return 0;
    }

    private static object EvaluateAxis(AxisDefinition axis, int column, LabelledInput input, IReadOnlyList<TitlePrediction> predictions)
    {
        var items = new List<EvaluationItem>();
        var unknownLabels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < input.Rows.Count; i++)
        {
            var labels = TrainCommand.SplitLabels(input.Rows[i].Labels[column], axis.MultiLabel);
            if (labels.Length == 0)
            {
                continue;
            }
            if (!axis.TryIndexOf(labels[0], out var truth))
            {
                unknownLabels[labels[0]] = unknownLabels.GetValueOrDefault(labels[0]) + 1;
                continue;
            }
            var prediction = predictions[i][axis.Name];
            items.Add(new EvaluationItem(truth, [.. prediction.Top.Select(t => axis.IndexOf(t.Category))], prediction.Probability));
        }
        var metrics = Metrics.Evaluate(items);
        return new
        {
            evaluated = metrics.Count,
            skippedUnknownLabels = unknownLabels.Values.Sum(),
            unknownLabels = unknownLabels.OrderByDescending(u => u.Value).Take(20).Select(u => new { label = u.Key, rows = u.Value }),
            accuracy = metrics.Accuracy,
            macroF1 = metrics.MacroF1,
            top1 = metrics.Top1,
            top3 = metrics.Top3,
            top5 = metrics.Top5,
            expectedCalibrationError = metrics.ExpectedCalibrationError,
            perCategory = metrics.PerCategory.Where(c => c.Support > 0 || c.Predicted > 0).Select(c => new
            {
                category = axis.Categories[c.Category].Name,
                precision = c.Precision,
                recall = c.Recall,
                f1 = c.F1,
                support = c.Support,
                predicted = c.Predicted,
            }),
            confusions = metrics.Confusions.Select(c => new { truth = axis.Categories[c.Truth].Name, predicted = axis.Categories[c.Predicted].Name, count = c.Count }),
        };
    }
}
