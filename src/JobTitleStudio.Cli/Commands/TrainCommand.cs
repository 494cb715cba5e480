using System.Diagnostics;
using System.Globalization;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Training;

namespace JobTitleStudio.Cli.Commands;

/// <summary><c>jts train</c>: a new model whose taxonomy comes from the labels in the data.</summary>
public static class TrainCommand
{
    public static int Run(CommandLine options, CliOutput output)
    {
        var modelPath = options.Required("model");
        var thresholds = options.Pairs("threshold");
        var others = options.Pairs("other");
        var multiLabel = options.All("multi-label").ToHashSet(StringComparer.Ordinal);
        var input = LabelledInput.Read(options, output);
        options.RejectUnknown();
        CheckAxesExist(input.Axes, thresholds.Select(t => t.Key), "--threshold");
        CheckAxesExist(input.Axes, others.Select(o => o.Key), "--other");
        CheckAxesExist(input.Axes, multiLabel, "--multi-label");

        var axes = LabelledAxes.FromLabels(input.Axes, input.Rows.Select(r => r.Labels), name => new AxisSettings(
            multiLabel.Contains(name),
            others.FirstOrDefault(o => o.Key == name).Value,
            thresholds.Any(t => t.Key == name) ? ParseProbability(thresholds.First(t => t.Key == name).Value, name) : null));
        var rows = input.Rows.Select(r => LabelledAxes.TrainingRow(axes, r.Title, r.Labels)).ToList();
        if (rows.Count == 0)
        {
            throw new CliException("The input has no row with a title; nothing to train on.");
        }

        var clock = Stopwatch.StartNew();
        var model = new TitleClassifier(axes);
        model.Train(rows, progress: new StageReporter(output.Messages));
        ModelFile.Save(model, modelPath);
        output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained {string.Join(", ", axes.Select(a => $"{a.Name} ({a.Categories.Count} categories)"))} on {rows.Count} rows in {clock.Elapsed.TotalSeconds:0.0} s; wrote {modelPath}."));
        return 0;
    }

    private static double ParseProbability(string text, string axis) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1
            ? p
            : throw new CliException($"--threshold {axis}={text}: give a probability from 0 to 1, for example {axis}=0.4.");

    private static void CheckAxesExist(IReadOnlyList<string> axes, IEnumerable<string> named, string option)
    {
        foreach (var name in named)
        {
            if (!axes.Contains(name, StringComparer.Ordinal))
            {
                throw new CliException($"{option} names axis '{name}', which no --label-column defines; the axes are: {string.Join(", ", axes)}.");
            }
        }
    }

    private sealed class StageReporter(TextWriter messages) : IProgress<TrainingProgress>
    {
        private string? _stage;

        public void Report(TrainingProgress value)
        {
            if (value.Stage != _stage)
            {
                _stage = value.Stage;
                messages.WriteLine($"  {value.Stage}...");
            }
        }
    }
}
