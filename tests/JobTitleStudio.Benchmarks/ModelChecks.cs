using System.Diagnostics;
using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Benchmarks;

/// <summary>Checks that run on any saved model: throughput over all its axes, and drift after many corrections.</summary>
internal static class ModelChecks
{
    /// <summary>
    /// Titles per second on one thread for every axis of the model together (the default model: Occupation,
    /// Function, Level), label and top-5 only, over the distinct titles of a CSV's first column. Wall time
    /// and process CPU time are both reported: on a shared machine the CPU rate is the one that compares.
    /// </summary>
    public static int Throughput(string modelPath, string titlesCsv, string[] settings)
    {
        var load = Stopwatch.StartNew();
        var model = ModelFile.Load(modelPath);
        var learners = model.CurrentLearners;
        model.Install(learners with { Options = Tuning.Apply(learners.Options, settings) });
        Console.WriteLine($"model {modelPath}: {model.Axes.Count} axes ({string.Join(", ", model.Axes.Select(a => $"{a.Name} {a.Count}"))}), loaded in {load.Elapsed.TotalMilliseconds:F0} ms");
        var titles = Csv.DistinctTitles(titlesCsv);
        var options = new PredictionOptions { TopN = 5 };
        Console.WriteLine($"neighbour search skipped (the linear model sure of every axis) for {SkippedShare(model, titles):P1} of the titles");
        // Two untimed passes, each followed by the runtime's background recompilations: the timed rounds then run the
        // code a long-running server runs, and a round that still overlapped a compilation says so.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var title in titles)
            {
                model.Predict(title, options);
            }
            Cost.AwaitCompilation();
        }
        for (var round = 1; round <= 3; round++)
        {
            var compiling = System.Runtime.JitInfo.GetCompilationTime();
            var cost = Cost.Of(titles.Length, i => model.Predict(titles[i], options));
            compiling = System.Runtime.JitInfo.GetCompilationTime() - compiling;
            Console.WriteLine($"round {round}: {titles.Length} distinct titles, all axes, one thread: {titles.Length / cost.WallSeconds:F0} titles/s wall, {titles.Length / cost.CpuSeconds:F0} titles/s CPU, {titles.Length / cost.ThreadCpuSeconds:F0} titles/s thread CPU; "
                + $"{cost.BytesPerItem:F0} B allocated per title"
                + (compiling > TimeSpan.FromMilliseconds(1) ? $"; the runtime compiled for {compiling.TotalMilliseconds:F0} ms of it" : "")
                + $"; {OnetBenchmark.LoadAverage()}");
        }
        return 0;
    }

    /// <summary>
    /// Occupation accuracy of a saved model on the split's test rows, after changing options that only act
    /// at prediction time (the neighbour search's skip threshold), without training again; titles are
    /// predicted one by one on one thread, so the CPU time per title is the sequential cost.
    /// </summary>
    public static int Accuracy(string modelPath, string splitDirectory, string[] settings)
    {
        var model = ModelFile.Load(modelPath);
        var learners = model.CurrentLearners;
        model.Install(learners with { Options = Tuning.Apply(learners.Options, settings) });
        var occupation = model.Axes.First(a => a.Name == "Occupation");
        var test = Csv.ReadPairs(Path.Combine(splitDirectory, "test.csv"));
        var distinct = Csv.Distinct(test);
        var options = new PredictionOptions { TopN = 5, Axes = ["Occupation"] };
        foreach (var title in distinct.Take(2000))
        {
            model.Predict(title, options);
        }
        var predictions = new Dictionary<string, AxisPrediction>(StringComparer.Ordinal);
        var cpuSeconds = Cost.Of(distinct.Length, i => predictions[distinct[i]] = model.Predict(distinct[i], options).Axes[0]).CpuSeconds;
        var items = test.Select(r => new EvaluationItem(occupation.IndexOf(r.Code), [.. predictions[r.Title].Top.Select(t => occupation.IndexOf(t.Category))], predictions[r.Title].Probability)).ToList();
        var report = Metrics.Evaluate(items);
        Console.WriteLine($"{string.Join(' ', settings)}: top-1 {report.Top1:F4}, top-3 {report.Top3:F4}, top-5 {report.Top5:F4}, macro-F1 {report.MacroF1:F4}, ECE {report.ExpectedCalibrationError:F4}; "
            + $"{cpuSeconds * 1e6 / distinct.Length:F1} us CPU per title (Occupation only), search skipped for {SkippedShare(model, distinct):P1} of titles; {OnetBenchmark.LoadAverage()}");
        return 0;
    }

    /// <summary>Share of the titles whose prediction skips the neighbour search: the linear model alone is sure of every single-label axis.</summary>
    private static double SkippedShare(TitleClassifier model, IReadOnlyList<string> titles)
    {
        if (model.CurrentLearners.Options.Neighbours.SkipSearchAbove is not { } bar || model.Axes.Any(a => a.MultiLabel))
        {
            return 0;
        }
        var linear = model.CurrentLearners.Linear.Current;
        var skipped = 0;
        foreach (var title in titles)
        {
            var analyzed = model.Featurizer.Analyze(title);
            var input = TitleInput.Of(analyzed);
            skipped += model.Axes.Select((axis, a) =>
            {
                var probabilities = new float[axis.Count];
                linear.Predict(a, input, probabilities);
                return probabilities.Max();
            }).All(p => p >= bar) ? 1 : 0;
        }
        return skipped / (double)titles.Count;
    }

    /// <summary>
    /// How far accuracy on held-out titles moves when analysts correct other titles: the O*NET test titles are
    /// split in two halves by normalised title; 1,000 titles of half A are corrected to their true code one by
    /// one, and top-1/top-5 on half B (titles no correction touched) is measured before and after.
    /// </summary>
    /// <remarks>The model is trained here on train.csv (Occupation only) with the given option overrides, so settings of corrections can be compared.</remarks>
    public static int Drift(string splitDirectory, int corrections, string[] settings)
    {
        var train = Csv.ReadPairs(Path.Combine(splitDirectory, "train.csv"));
        var test = Csv.ReadPairs(Path.Combine(splitDirectory, "test.csv"));
        var occupation = AxisDefinition.FromLabels("Occupation", train.Select(r => r.Code).Concat(test.Select(r => r.Code)).Order(StringComparer.Ordinal));
        var model = new TitleClassifier([occupation]);
        var options = Tuning.Apply(new ModelOptions(), settings);
        model.Train([.. train.Select(r => TrainingRow.Of(r.Title, ("Occupation", r.Code)))], options);
        Console.WriteLine($"trained on {train.Count} rows with {string.Join(" ", settings)}; updates: {options.Linear.UpdateSteps} linear steps at {options.Linear.UpdateLearningRate}");
        var axis = model.Axes[0];
        var normalizer = model.Featurizer.Normalizer;
        var (evaluated, corrected) = GroupedSplit.Split(test, r => normalizer.Normalize(r.Title).Normalized, 0.5, seed: 29);
        var teach = corrected.DistinctBy(r => normalizer.Normalize(r.Title).Normalized, StringComparer.Ordinal).Take(corrections).ToList();
        Console.WriteLine($"{evaluated.Count} rows evaluated (half B), {teach.Count} corrections from half A; axis {axis.Name}; {OnetBenchmark.LoadAverage()}");

        var before = Evaluate(model, axis.Name, evaluated);
        var latencies = new List<double>(teach.Count);
        foreach (var (title, code) in teach)
        {
            var start = Stopwatch.GetTimestamp();
            model.Learn(title, axis.Name, code);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var taught = teach.Count(r => model.Predict(r.Title, new PredictionOptions { TopN = 1 }).Axes[0].Label == r.Code);
        var after = Evaluate(model, axis.Name, evaluated);
        latencies.Sort();
        Console.WriteLine($"before: top-1 {before.Top1:F4}, top-5 {before.Top5:F4}");
        Console.WriteLine($"after {teach.Count} corrections: top-1 {after.Top1:F4}, top-5 {after.Top5:F4}; change {(after.Top1 - before.Top1) * 100:+0.00;-0.00} / {(after.Top5 - before.Top5) * 100:+0.00;-0.00} points");
        Console.WriteLine($"corrected titles answering their taught code: {taught} of {teach.Count}; correction p50 {latencies[latencies.Count / 2]:F3} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F3} ms");

        // How fast learning pays off, the other side of the same setting: half B's rows in file order, each
        // predicted, then learned as an imported row (titles repeat with other codes, and similar titles follow).
        var stream = evaluated.Take(3000).ToList();
        var prequential = Metrics.Prequential(
            stream,
            row => model.Predict(row.Title, new PredictionOptions { TopN = 1 }).Axes[0].Label == row.Code,
            row => model.Learn(TrainingRow.Of(row.Title, (axis.Name, row.Code))));
        Console.WriteLine($"prequential accuracy over {stream.Count} rows of half B (predict, then learn the true code): {prequential:F3}");
        return 0;
    }

    private static EvaluationReport Evaluate(TitleClassifier model, string axisName, List<(string Title, string Code)> rows)
    {
        var axis = model.Axes[0];
        var predictions = model.PredictBatch([.. rows.Select(r => r.Title)], new PredictionOptions { TopN = 5, Axes = [axisName] });
        return Metrics.Evaluate([.. rows.Select((r, i) => new EvaluationItem(axis.IndexOf(r.Code), [.. predictions[i].Axes[0].Top.Select(t => axis.IndexOf(t.Category))], predictions[i].Axes[0].Probability))]);
    }
}
