using System.Diagnostics;
using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Benchmarks;

/// <summary>Trains the Occupation axis on the O*NET split and reports accuracy, calibration, size and speed.</summary>
internal static class OnetBenchmark
{
    public static int Run(string splitDirectory, string[] options)
    {
        var train = Csv.ReadPairs(Path.Combine(splitDirectory, "train.csv"));
        var test = Csv.ReadPairs(Path.Combine(splitDirectory, "test.csv"));
        Console.WriteLine($"split: {train.Count} train rows, {test.Count} test rows");

        var featurizer = new TitleFeaturizer();
        var occupation = AxisDefinition.FromLabels("Occupation", train.Select(r => r.Code).Concat(test.Select(r => r.Code)).Order(StringComparer.Ordinal));
        var model = new TitleClassifier([occupation], featurizer);
        var rows = train.Select(r => TrainingRow.Of(r.Title, ("Occupation", r.Code))).ToList();

        var watch = Stopwatch.StartNew();
        model.Train(rows, new ModelOptions { Linear = new LinearOptions { Epochs = 2 } }, progress: new SynchronousProgress(p => Console.WriteLine($"  {watch.Elapsed.TotalSeconds,6:F1} s  {p.Stage}")));
        var trainSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"training: {trainSeconds:F1} s; blend {model.Blends[0]}");

        var predictions = model.PredictBatch([.. test.Select(r => r.Title)], new PredictionOptions { TopN = 5 });
        var items = new List<EvaluationItem>(test.Count);
        for (var i = 0; i < test.Count; i++)
        {
            var axis = predictions[i].Axes[0];
            items.Add(new EvaluationItem(occupation.IndexOf(test[i].Code), [.. axis.Top.Select(t => occupation.IndexOf(t.Category))], axis.Probability));
        }
        var report = Metrics.Evaluate(items);
        Console.WriteLine($"Occupation test: top-1 {report.Top1:F3}, top-3 {report.Top3:F3}, top-5 {report.Top5:F3}, macro-F1 {report.MacroF1:F3}, ECE {report.ExpectedCalibrationError:F3}");

        var modelPath = Path.Combine(Path.GetTempPath(), "jts-onet-bench.jtsm");
        ModelFile.Save(model, modelPath);
        Console.WriteLine($"model file: {new FileInfo(modelPath).Length / 1048576.0:F1} MB");
        model = null!;
        GC.Collect();
        watch.Restart();
        model = ModelFile.Load(modelPath);
        Console.WriteLine($"load: {watch.Elapsed.TotalMilliseconds:F0} ms");
        var reloaded = model.PredictBatch([.. test.Take(500).Select(r => r.Title)], new PredictionOptions { TopN = 5 });
        var identical = reloaded.Zip(predictions).All(p => p.First.Axes[0].Top.SequenceEqual(p.Second.Axes[0].Top));
        Console.WriteLine($"reloaded model gives identical top-5 on 500 test titles: {identical}");

        var distinct = test.Select(r => r.Title).Distinct(StringComparer.Ordinal).ToArray();
        var single = new PredictionOptions { TopN = 5 };
        foreach (var title in distinct.Take(2000))
        {
            model.Predict(title, single);
        }
        watch.Restart();
        foreach (var title in distinct)
        {
            model.Predict(title, single);
        }
        var perSecond = distinct.Length / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"PROF knn {TitleClassifier.Prof[0] / (double)Stopwatch.Frequency:F2}s lin {TitleClassifier.Prof[1] / (double)Stopwatch.Frequency:F2}s nb {TitleClassifier.Prof[2] / (double)Stopwatch.Frequency:F2}s");
        watch.Restart();
        foreach (var title in distinct)
        {
            featurizer.Featurize(title);
        }
        Console.WriteLine($"featurisation alone: {distinct.Length / watch.Elapsed.TotalSeconds:F0} titles/s");
        Console.WriteLine($"throughput (1 axis, one thread, {distinct.Length} distinct titles): {perSecond:F0} titles/s");

        var latencies = new List<double>();
        foreach (var (title, code) in test.Take(2000))
        {
            var start = Stopwatch.GetTimestamp();
            model.Learn(title, "Occupation", code);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        latencies.Sort();
        Console.WriteLine($"GC during run: gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}");
        Console.WriteLine($"incremental update: p50 {latencies[latencies.Count / 2]:F3} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F3} ms");
        Console.WriteLine($"process memory: {Process.GetCurrentProcess().WorkingSet64 / 1048576.0:F0} MB working set, {GC.GetTotalMemory(true) / 1048576.0:F0} MB managed");
        _ = options;
        GC.KeepAlive(model);
        return 0;
    }
}

/// <summary>Reports on the calling thread, so lines print in order with the stage timings.</summary>
internal sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
