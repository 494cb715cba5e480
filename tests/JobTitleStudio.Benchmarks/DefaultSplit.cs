using System.Diagnostics;
using JobTitleStudio.Core.Defaults;
using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// The default model's table (Occupation, Function, Level) split by normalised title, 90% trained with the
/// default model's options and the given overrides, every axis measured on the other 10%: the only held-out
/// figures for Function and Level, whose labels come from the code (Function) and the title's rules (Level).
/// </summary>
internal static class DefaultSplit
{
    public static int Run(string[] settings)
    {
        var source = DefaultModel.FindSourceDirectory() ?? throw new InvalidOperationException("models/source was not found above the working directory; run from the repository.");
        var builder = new DefaultModelBuilder(source);
        var axes = builder.Axes();
        var model = new TitleClassifier(axes);
        var rows = builder.TrainingRows();
        // Not the training's own held-out seed (17): its held-out titles would all fall in this test set.
        var (train, test) = GroupedSplit.Split(rows, r => model.Featurizer.Normalizer.Normalize(r.Title).Normalized, 0.1, seed: 99);
        Console.WriteLine($"default table: {train.Count} train rows, {test.Count} test rows; {OnetBenchmark.LoadAverage()}");
        var options = Tuning.Apply(DefaultModel.Options, settings);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        model.Train(train, options);
        Console.WriteLine($"training: {watch.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU; blends {string.Join("; ", model.Blends)}");
        var predictions = model.PredictBatch([.. test.Select(r => r.Title)], new PredictionOptions { TopN = 5 });
        foreach (var axis in axes)
        {
            var items = new List<EvaluationItem>();
            for (var i = 0; i < test.Count; i++)
            {
                if (test[i].Labels.TryGetValue(axis.Name, out var labels) && labels.Length == 1)
                {
                    var prediction = predictions[i][axis.Name];
                    items.Add(new EvaluationItem(axis.IndexOf(labels[0]), [.. prediction.Top.Select(t => axis.IndexOf(t.Category))], prediction.Probability));
                }
            }
            var report = Metrics.Evaluate(items);
            Console.WriteLine($"{axis.Name} ({items.Count} test rows): top-1 {report.Top1:F4}, top-3 {report.Top3:F4}, top-5 {report.Top5:F4}, macro-F1 {report.MacroF1:F4}, ECE {report.ExpectedCalibrationError:F4}");
        }
        return 0;
    }
}
