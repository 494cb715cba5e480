using System.Text.Json;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Training;

namespace JobTitleStudio.Cli.Commands;

/// <summary><c>jts learn</c>: applies one correction to a model file and prints the new prediction as JSON.</summary>
public static class LearnCommand
{
    public static int Run(CommandLine options, CliOutput output)
    {
        var modelPath = options.Optional("model");
        var title = options.Required("title");
        var axisName = options.Required("axis");
        var label = options.Required("label");
        var outputPath = options.Optional("output") ?? modelPath
            ?? throw new CliException("Give --model FILE to correct in place, or --output FILE to write the corrected shipped model elsewhere; the shipped model itself is never changed.");
        options.RejectUnknown();

        var model = ModelLocation.Load(modelPath, output);
        var axis = model.Axes.FirstOrDefault(a => a.Name == axisName)
            ?? throw new CliException($"--axis '{axisName}' is not an axis of the model; its axes are: {string.Join(", ", model.Axes.Select(a => a.Name))}.");
        var labels = LabelledAxes.SplitLabels(label, axis.MultiLabel);
        var unknown = labels.Where(l => !axis.TryIndexOf(l, out _)).ToList();
        if (labels.Length == 0 || unknown.Count > 0)
        {
            throw new CliException($"--label '{label}' is not a category of axis {axis.Name}; its categories are: {string.Join(", ", axis.Categories.Select(c => c.Name).Take(50))}{(axis.Categories.Count > 50 ? ", ..." : "")}.");
        }
        model.Learn(title, axis.Name, labels);
        ModelFile.Save(model, outputPath);

        var prediction = model.Predict(title, new PredictionOptions { TopN = 3, Axes = [axis.Name] })[axis.Name];
        output.Data.WriteLine(JsonSerializer.Serialize(new
        {
            title,
            axis = axis.Name,
            label = prediction.Label,
            probability = prediction.Probability,
            top = prediction.Top.Select(t => new { label = t.Category, probability = t.Probability }),
        }));
        output.Messages.WriteLine($"Learned '{title}' -> {axis.Name} = {label}; wrote {outputPath}.");
        return 0;
    }
}
