using System.Diagnostics;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// Latency, allocation and collections of corrections on a saved model (the O*NET benchmark model or the
/// default model), without training first: the split's test titles are corrected to their code on the
/// Occupation axis one after another, as analysts do, then a second batch is taken apart learner by learner
/// to show where the bytes a correction allocates come from.
/// </summary>
internal static class CorrectionLatency
{
    private const int WarmUp = 4000;

    public static int Run(string modelPath, string splitDirectory, int corrections)
    {
        var model = ModelFile.Load(modelPath);
        var occupation = model.Axes.First(a => a.Name == "Occupation");
        var test = Csv.ReadPairs(Path.Combine(splitDirectory, "test.csv"));
        if (test.Count < corrections + 500 + WarmUp)
        {
            Console.Error.WriteLine($"{splitDirectory}/test.csv has {test.Count} rows; {corrections + 500 + WarmUp} are needed (the timed corrections, 500 taken apart, {WarmUp} to warm up).");
            return 2;
        }
        Console.WriteLine($"model {modelPath}: {model.Axes.Count} axes ({string.Join(", ", model.Axes.Select(a => $"{a.Name} {a.Count}"))}); {Environment.ProcessorCount} cores; {OnetBenchmark.LoadAverage()}");
        // Corrections of other titles first (the end of the file), then a pause for the runtime to finish
        // compiling the update path's optimised code in the background: the timed corrections then run what a
        // server runs once it has been up a while, not the first, unoptimised code.
        foreach (var (title, code) in test.TakeLast(WarmUp))
        {
            model.Learn(title, occupation.Name, code);
        }
        Thread.Sleep(TimeSpan.FromSeconds(2));
        GC.Collect();

        var latencies = new List<double>(corrections);
        var cpuTimes = new List<double>(corrections);
        var withoutCollection = new List<double>(corrections);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        var collected = new List<(int Generation, long PromotedBytes, double PauseMs)>();
        var cost = Cost.Of(corrections, i =>
        {
            var collections = GC.CollectionCount(0);
            var cpu = Cost.ThreadCpuMilliseconds();
            var start = Stopwatch.GetTimestamp();
            model.Learn(test[i].Title, occupation.Name, test[i].Code);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpuTimes.Add(Cost.ThreadCpuMilliseconds() - cpu);
            latencies.Add(elapsed);
            if (GC.CollectionCount(0) == collections)
            {
                withoutCollection.Add(elapsed);
            }
            else
            {
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                collected.Add((info.Generation, info.PromotedBytes, info.PauseDurations[0].TotalMilliseconds));
            }
        });
        latencies.Sort();
        withoutCollection.Sort();
        cpuTimes.Sort();
        Console.WriteLine($"{corrections} corrections: p50 {Percentile(latencies, 0.5):F3} ms, p90 {Percentile(latencies, 0.9):F3} ms, p99 {Percentile(latencies, 0.99):F3} ms, max {latencies[^1]:F3} ms; "
            + $"p99 of the {withoutCollection.Count} without a collection {Percentile(withoutCollection, 0.99):F3} ms; {cost.CpuSeconds * 1000 / corrections:F3} ms CPU per correction");
        Console.WriteLine($"{cost.BytesPerItem / 1024:F1} KB allocated per correction; collections gen0/gen1/gen2 {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, "
            + $"{(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F1} ms paused in all; {OnetBenchmark.LoadAverage()}");
        // The correcting thread's own CPU time (a blocking collection runs on it too), without the time other
        // processes held the core: what a correction costs when the machine is shared.
        Console.WriteLine($"thread CPU time per correction: p50 {Percentile(cpuTimes, 0.5):F3} ms, p90 {Percentile(cpuTimes, 0.9):F3} ms, p99 {Percentile(cpuTimes, 0.99):F3} ms, max {cpuTimes[^1]:F3} ms");

        if (collected.Count > 0)
        {
            Console.WriteLine($"per collection (the last during each correction that saw one): {collected.Average(c => c.PauseMs):F1} ms paused, {collected.Average(c => c.PromotedBytes) / 1048576.0:F1} MB promoted (survivors) on average; "
                + string.Join(", ", collected.GroupBy(c => c.Generation).OrderBy(g => g.Key).Select(g => $"{g.Count()} of generation {g.Key}")));
        }
        // A title listed twice with two codes answers the later one.
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (title, code) in test.Take(corrections))
        {
            last[model.Featurizer.Normalizer.Normalize(title).Normalized] = code;
        }
        var answering = last.Count(p => model.Predict(p.Key, new PredictionOptions { TopN = 1, Axes = [occupation.Name] }).Axes[0].Label == p.Value);
        Console.WriteLine($"corrected titles answering their latest code: {answering} of {last.Count}");

        AllocationByPart(model, [.. test.Skip(corrections).Take(500)]);
        return 0;
    }

    /// <summary>
    /// Where a correction's bytes come from: every other title is corrected through the model (the whole cost),
    /// the others are learned by each learner directly, each step bracketed by this thread's allocation counter;
    /// what a whole correction allocates beyond the parts is the model's publish (capture of every snapshot).
    /// </summary>
    private static void AllocationByPart(TitleClassifier model, List<(string Title, string Code)> rows)
    {
        var a = model.Axes.Select((axis, index) => (axis, index)).First(x => x.axis.Name == "Occupation").index;
        string[] parts = ["featurise", "linear", "naive Bayes", "title memory", "nearest titles"];
        var bytes = new long[parts.Length];
        var times = parts.Select(_ => new List<double>(rows.Count / 2)).ToArray();
        var wholeTimes = new List<double>(rows.Count / 2);
        var whole = 0L;
        for (var r = 0; r < rows.Count; r++)
        {
            var (title, code) = rows[r];
            if (r % 2 == 0)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                model.Learn(title, model.Axes[a].Name, code);
                wholeTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                whole += GC.GetAllocatedBytesForCurrentThread() - before;
                continue;
            }
            lock (model.WriteLock)
            {
                var learners = model.CurrentLearners;
                var at = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.GetTimestamp();
                var analyzed = model.Featurizer.Analyze(title);
                var example = new LearningExample(TitleInput.Of(analyzed), [model.Axes[a].IndexOf(code)], 1f, IsCorrection: true);
                times[0].Add(Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
                bytes[0] += GC.GetAllocatedBytesForCurrentThread() - at;
                Action[] steps =
                [
                    () => learners.Axes[a].Linear.Learn(example),
                    () => learners.Axes[a].Bayes.Learn(example),
                    () => learners.Axes[a].Memory.Learn(example),
                    () => learners.Index.Learn(a, example),
                ];
                for (var s = 0; s < steps.Length; s++)
                {
                    at = GC.GetAllocatedBytesForCurrentThread();
                    clock = Stopwatch.GetTimestamp();
                    steps[s]();
                    times[s + 1].Add(Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
                    bytes[s + 1] += GC.GetAllocatedBytesForCurrentThread() - at;
                }
            }
        }
        var half = rows.Count / 2.0;
        foreach (var list in times.Append(wholeTimes))
        {
            list.Sort();
        }
        Console.WriteLine($"allocated per correction: {whole / half / 1024:F1} KB in all (mean of {half:F0}, wall p50 {Percentile(wholeTimes, 0.5):F3} ms, p99 {Percentile(wholeTimes, 0.99):F3} ms); "
            + $"by part (the other {half:F0}, learned by each learner directly; wall time p50 / p99):");
        for (var p = 0; p < parts.Length; p++)
        {
            Console.WriteLine($"  {parts[p],-16} {bytes[p] / half / 1024,8:F1} KB  {Percentile(times[p], 0.5),7:F3} / {Percentile(times[p], 0.99):F3} ms");
        }
        Console.WriteLine($"  {"publish, lock",-16} {(whole - bytes.Sum()) / half / 1024,8:F1} KB");
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * share))];
}
