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
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int Run(CommandLine options, CliOutput output)
    {
        var modelPath = options.Optional("model");
        var input = LabelledInput.Read(options, output);
        options.RejectUnknown();
        var model = ModelLocation.Load(modelPath, output);
        var axes = input.Axes.Select(name => model.Axes.FirstOrDefault(a => a.Name == name)
            ?? throw new CliException($"--label-column names axis '{name}', which the model does not have; its axes are: {string.Join(", ", model.Axes.Select(a => a.Name))}.")).ToList();

        var predictions = model.PredictBatch([.. input.Rows.Select(r => r.Title)], new PredictionOptions { TopN = AxisEvaluation.RankedCategories, Axes = input.Axes });
        var report = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var a = 0; a < axes.Count; a++)
        {
            report[axes[a].Name] = EvaluateAxis(axes[a], a, input, predictions);
        }
        output.Data.WriteLine(JsonSerializer.Serialize(new { model = modelPath ?? "shipped", rows = input.Rows.Count, axes = report }, Json));
        return 0;
    }

    private static AxisMetrics EvaluateAxis(AxisDefinition axis, int column, LabelledInput input, IReadOnlyList<TitlePrediction> predictions) =>
        AxisEvaluation.Evaluate(axis, [.. input.Rows.Select(r => r.Labels[column])], [.. predictions.Select(p => p[axis.Name])]);
}
