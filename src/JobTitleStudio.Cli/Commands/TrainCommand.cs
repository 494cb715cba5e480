using System.Diagnostics;
using System.Globalization;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Taxonomy;

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

        var axes = new List<AxisDefinition>();
        for (var a = 0; a < input.Axes.Count; a++)
        {
            var name = input.Axes[a];
            var isMulti = multiLabel.Contains(name);
            var categories = input.Rows
                .SelectMany(r => SplitLabels(r.Labels[a], isMulti))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(c => new CategoryDefinition(c));
            var other = others.FirstOrDefault(o => o.Key == name).Value ?? AxisDefinition.DefaultOtherCategory;
            double? threshold = thresholds.Any(t => t.Key == name) ? ParseProbability(thresholds.First(t => t.Key == name).Value, name) : null;
            axes.Add(new AxisDefinition(name, categories, isMulti, other, threshold));
        }

        var rows = input.Rows.Select(r =>
        {
            var labels = new Dictionary<string, string[]>(StringComparer.Ordinal);
            for (var a = 0; a < axes.Count; a++)
            {
                labels[axes[a].Name] = SplitLabels(r.Labels[a], axes[a].MultiLabel);
            }
            return new TrainingRow(r.Title, labels);
        }).ToList();
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

    /// <summary>Labels of one cell: the whole cell on a single-label axis, ';'-separated parts on a multi-label one.</summary>
    public static string[] SplitLabels(string cell, bool multiLabel) =>
        cell.Length == 0 ? []
        : multiLabel ? cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : [cell];

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
