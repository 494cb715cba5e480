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
    public static int Run(string splitDirectory, string[] arguments)
    {
        // quick: accuracy only (no save, speed or corrections); groups: the SOC broad, minor and major group of
        // each code as extra axes of the same model (multi-task); dump=FILE: every test title's top 20 with probabilities.
        // rerank=1 [rerank.NAME=VALUE]: the second-stage reranker experiment (RerankExperiment; docs/BENCHMARKS.md).
        var quick = arguments.Contains("quick");
        var groups = arguments.Contains("groups");
        var dump = arguments.FirstOrDefault(a => a.StartsWith("dump=", StringComparison.Ordinal))?[5..];
        var options = arguments.Where(a => a != "quick" && a != "groups" && a != "blends" && !a.StartsWith("dump=", StringComparison.Ordinal) && !a.StartsWith("f.", StringComparison.Ordinal) && !a.StartsWith("rerank", StringComparison.Ordinal)).ToArray();
        var train = Csv.ReadPairs(Path.Combine(splitDirectory, "train.csv"));
        var test = Csv.ReadPairs(Path.Combine(splitDirectory, "test.csv"));
        Console.WriteLine($"split: {train.Count} train rows, {test.Count} test rows; {Environment.ProcessorCount} cores; {LoadAverage()}");

        var featurizer = new TitleFeaturizer(Tuning.ApplyFeatures(FeaturizerOptions.Default, arguments.Where(a => a.StartsWith("f.", StringComparison.Ordinal))));
        Console.WriteLine($"featurizer: {featurizer.Options}");
        var occupation = AxisDefinition.FromLabels("Occupation", train.Select(r => r.Code).Concat(test.Select(r => r.Code)).Order(StringComparer.Ordinal));
        var groupAxes = groups ? GroupAxes(train.Concat(test).Select(r => r.Code)) : [];
        var model = new TitleClassifier([occupation, .. groupAxes.Select(g => g.Axis)], featurizer);
        var rows = train.Select(r => new TrainingRow(r.Title, new Dictionary<string, string[]>(groupAxes.Select(g => KeyValuePair.Create(g.Axis.Name, new[] { g.Group(r.Code) })))
        {
            ["Occupation"] = [r.Code],
        })).ToList();

        var watch = Stopwatch.StartNew();
        model.Train(rows, Tuning.Apply(new ModelOptions(), options), progress: new SynchronousProgress(p => Console.WriteLine($"  {watch.Elapsed.TotalSeconds,6:F1} s  {p.Stage}")));
        var trainSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"training: {trainSeconds:F1} s; blend {model.Blends[0]}");

        var predictions = model.PredictBatch([.. test.Select(r => r.Title)], new PredictionOptions { TopN = dump is null ? 5 : 20, Axes = ["Occupation"] });
        var items = new List<EvaluationItem>(test.Count);
        for (var i = 0; i < test.Count; i++)
        {
            var axis = predictions[i].Axes[0];
            items.Add(new EvaluationItem(occupation.IndexOf(test[i].Code), [.. axis.Top.Take(5).Select(t => occupation.IndexOf(t.Category))], axis.Probability));
        }
        var report = Metrics.Evaluate(items);
        Console.WriteLine($"Occupation test: top-1 {report.Top1:F3}, top-3 {report.Top3:F3}, top-5 {report.Top5:F3}, macro-F1 {report.MacroF1:F3}, ECE {report.ExpectedCalibrationError:F3}");

        if (arguments.Contains("rerank=1"))
        {
            RerankExperiment.Run(model, occupation, train, test, featurizer, Tuning.Apply(new ModelOptions(), options), arguments);
        }
        var components = ComponentAccuracy(model, occupation, test);
        if (arguments.Contains("blends"))
        {
            var prior = new float[occupation.Count];
            foreach (var row in train)
            {
                prior[occupation.IndexOf(row.Code)] += 1f / train.Count;
            }
            BlendVariants(model.Blends[0], components, prior);
        }
        if (dump is not null)
        {
            File.WriteAllLines(dump, test.Select((r, i) => $"{r.Title}\t{r.Code}\t{string.Join(' ', predictions[i].Axes[0].Top.Select(t => $"{t.Category}:{t.Probability:G4}"))}"));
        }
        if (quick)
        {
            return 0;
        }

        var modelPath = Path.Combine(Path.GetTempPath(), "jts-onet-bench.jtsm");
        Console.WriteLine($"model saved to {modelPath}; measure memory in a fresh process with: load {modelPath} {splitDirectory}");
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

        var distinct = Csv.Distinct(test);
        var perSecond = Throughput(model, distinct);
        ThreeAxisThroughput(featurizer, train, distinct, Tuning.Apply(new ModelOptions(), options));
        watch.Restart();
        foreach (var title in distinct)
        {
            featurizer.Featurize(title);
        }
        Console.WriteLine($"featurisation alone: {distinct.Length / watch.Elapsed.TotalSeconds:F0} titles/s");
        Console.WriteLine($"throughput (1 axis, one thread, {distinct.Length} distinct titles): {perSecond:F0} titles/s");

        var stream = test.Skip(2000).Take(3000).ToList();
        var prequential = Metrics.Prequential(
            stream,
            row => model.Predict(row.Title, new PredictionOptions { TopN = 1 }).Axes[0].Label == row.Code,
            row => model.Learn(new TrainingRow(row.Title, new Dictionary<string, string[]> { ["Occupation"] = [row.Code] })));
        Console.WriteLine($"prequential accuracy (predict, then learn the true code) over {stream.Count} test rows: {prequential:F3}");

        var latencies = new List<double>();
        var withoutCollection = new List<double>();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var pausedBefore = GC.GetTotalPauseDuration();
        foreach (var (title, code) in test.Take(2000))
        {
            var collections = GC.CollectionCount(0);
            var start = Stopwatch.GetTimestamp();
            model.Learn(title, "Occupation", code);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            latencies.Add(elapsed);
            if (GC.CollectionCount(0) == collections)
            {
                withoutCollection.Add(elapsed);
            }
        }
        Console.WriteLine($"incremental update (2000 corrections): p50 {Percentile(latencies, 0.5):F3} ms, p99 {Percentile(latencies, 0.99):F3} ms; "
            + $"p99 of the {withoutCollection.Count} without a garbage collection {Percentile(withoutCollection, 0.99):F3} ms; "
            + $"{(GC.GetTotalAllocatedBytes() - allocatedBefore) / 2000.0 / 1024:F0} KB allocated and {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds / 2000:F3} ms GC pause per correction");
        Console.WriteLine($"after the run: {LoadAverage()}");
        Console.WriteLine($"process memory: {Process.GetCurrentProcess().WorkingSet64 / 1048576.0:F0} MB working set, {GC.GetTotalMemory(true) / 1048576.0:F0} MB managed");
        GC.KeepAlive(model);
        return 0;
    }

    /// <summary>SOC broad (15-1250), minor (15-12) and major (15) group of an O*NET-SOC code (15-1252.00), each as an axis.</summary>
    private static (AxisDefinition Axis, Func<string, string> Group)[] GroupAxes(IEnumerable<string> codes)
    {
        var all = codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        (string Name, Func<string, string> Group)[] levels = [("Broad group", c => c[..6]), ("Minor group", c => c[..5]), ("Major group", c => c[..2])];
        return [.. levels.Select(l => (AxisDefinition.FromLabels(l.Name, all.Select(l.Group)), l.Group))];
    }

    /// <summary>Timings on a shared machine mean little without it: a load above the core count stretches every latency.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $"load average {string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : "load average unknown";

    private static double Percentile(List<double> values, double share)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * share))];
    }

    /// <summary>What a process holding only the loaded model costs: load time and memory after predicting the test titles.</summary>
    public static int Load(string modelPath, string splitDirectory)
    {
        var before = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        _ = new TitleFeaturizer().Featurize("warm up the shipped normaliser");
        var shippedText = watch.Elapsed.TotalMilliseconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
        var model = ModelFile.Load(modelPath);
        var cpuMilliseconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine($"load in a fresh process: {watch.Elapsed.TotalMilliseconds:F0} ms ({cpuMilliseconds:F0} ms of process CPU) for the model file, after {shippedText:F0} ms loading the shipped normaliser data (once per process); {LoadAverage()}");
        var titles = Csv.ReadPairs(Path.Combine(splitDirectory, "test.csv")).Select(r => r.Title).ToArray();
        model.PredictBatch(titles);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        Console.WriteLine($"memory with the model loaded (after predicting {titles.Length} titles): {process.WorkingSet64 / 1048576.0:F0} MB working set ({before / 1048576.0:F0} MB before loading), {GC.GetTotalMemory(false) / 1048576.0:F0} MB managed heap");
        GC.KeepAlive(model);
        return 0;
    }

    /// <summary>Occupation plus its SOC minor and major groups as three axes of one model, predicted together on one thread.</summary>
    private static void ThreeAxisThroughput(TitleFeaturizer featurizer, List<(string Title, string Code)> train, string[] distinct, ModelOptions options)
    {
        var axes = new[]
        {
            AxisDefinition.FromLabels("Occupation", train.Select(r => r.Code).Order(StringComparer.Ordinal)),
            AxisDefinition.FromLabels("Minor group", train.Select(r => r.Code[..4]).Order(StringComparer.Ordinal)),
            AxisDefinition.FromLabels("Major group", train.Select(r => r.Code[..2]).Order(StringComparer.Ordinal)),
        };
        var model = new TitleClassifier(axes, featurizer, options);
        var watch = Stopwatch.StartNew();
        model.Train(train.Select(r => new TrainingRow(r.Title, new Dictionary<string, string[]>
        {
            ["Occupation"] = [r.Code],
            ["Minor group"] = [r.Code[..4]],
            ["Major group"] = [r.Code[..2]],
        })));
        Console.WriteLine($"three-axis model: trained in {watch.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"throughput (3 axes, one thread, {distinct.Length} distinct titles): {Throughput(model, distinct):F0} titles/s");
    }

    /// <summary>Titles per second on one thread asking for label and top-5 only, after a warm-up pass.</summary>
    private static double Throughput(TitleClassifier model, string[] distinct)
    {
        var options = new PredictionOptions { TopN = 5 };
        foreach (var title in distinct.Take(2000))
        {
            model.Predict(title, options);
        }
        var watch = Stopwatch.StartNew();
        foreach (var title in distinct)
        {
            model.Predict(title, options);
        }
        return distinct.Length / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Top-1/top-5 of each learner alone on the test titles: shows what the blend adds.</summary>
    private static List<(int Truth, float[] Linear, float[] Bayes, float[] Votes)> ComponentAccuracy(TitleClassifier model, AxisDefinition axis, List<(string Title, string Code)> test)
    {
        var kept = new List<(int Truth, float[] Linear, float[] Bayes, float[] Votes)>(test.Count);
        var learners = model.CurrentLearners;
        var index = learners.Index.Current;
        var hits = new int[3, 2];
        var ticks = new long[3];
        var linear = new float[axis.Count];
        var bayes = new float[axis.Count];
        var votes = new float[axis.Count];
        foreach (var (title, code) in test)
        {
            var analyzed = model.Featurizer.Analyze(title);
            var input = TitleInput.Of(analyzed);
            var start = Stopwatch.GetTimestamp();
            learners.Linear.Current.Predict(0, input, linear);
            var afterLinear = Stopwatch.GetTimestamp();
            learners.Axes[0].Bayes.Predict(input, bayes);
            var afterBayes = Stopwatch.GetTimestamp();
            TitleClassifier.Vote(index, learners.Options, 0, index.Predict(input.Features, learners.Options.Neighbours.K), votes);
            ticks[0] += afterLinear - start;
            ticks[1] += afterBayes - afterLinear;
            ticks[2] += Stopwatch.GetTimestamp() - afterBayes;
            var truth = axis.IndexOf(code);
            kept.Add((truth, [.. linear], [.. bayes], [.. votes]));
            foreach (var (p, row) in new[] { (linear, 0), (bayes, 1), (votes, 2) })
            {
                var rank = p.Count(v => v > p[truth]);
                hits[row, 0] += rank < 1 ? 1 : 0;
                hits[row, 1] += rank < 5 ? 1 : 0;
            }
        }
        string[] names = ["linear", "naive Bayes", "neighbours"];
        for (var row = 0; row < 3; row++)
        {
            Console.WriteLine($"  {names[row],-12} alone: top-1 {(double)hits[row, 0] / test.Count:F3}, top-5 {(double)hits[row, 1] / test.Count:F3}, {ticks[row] * 1e6 / Stopwatch.Frequency / test.Count:F1} us per title");
        }
        return kept;
    }

    /// <summary>Other ways to combine the learners' full distributions on the test titles (analysis only: no skipped search, naive Bayes on every category).</summary>
    private static void BlendVariants(BlendWeights fitted, List<(int Truth, float[] Linear, float[] Bayes, float[] Votes)> rows, float[] prior)
    {
        var count = rows[0].Linear.Length;
        void Report(string name, Action<(int Truth, float[] Linear, float[] Bayes, float[] Votes), float[]> combine)
        {
            var result = new float[count];
            int top1 = 0, top5 = 0;
            foreach (var row in rows)
            {
                combine(row, result);
                var rank = 0;
                var truth = result[row.Truth];
                foreach (var v in result)
                {
                    rank += v > truth ? 1 : 0;
                }
                top1 += rank < 1 ? 1 : 0;
                top5 += rank < 5 ? 1 : 0;
            }
            Console.WriteLine($"  blend {name}: top-1 {(double)top1 / rows.Count:F4}, top-5 {(double)top5 / rows.Count:F4}");
        }
        var scratch = new float[count];
        var mix = new float[count];
        Report($"product {fitted}", (r, p) => fitted.Combine(false, r.Linear, r.Bayes, r.Votes, p, scratch));
        foreach (var scale in new[] { 0.5f, 0.8f, 1.25f, 2f })
        {
            foreach (var which in new[] { 0, 1, 2 })
            {
                var w = which switch
                {
                    0 => fitted with { Linear = fitted.Linear * scale },
                    1 => fitted with { Bayes = fitted.Bayes * scale },
                    _ => fitted with { Neighbours = fitted.Neighbours * scale },
                };
                Report($"product {w}", (r, p) => w.Combine(false, r.Linear, r.Bayes, r.Votes, p, scratch));
            }
        }
        foreach (var (a, b, c) in new[] { (1f, 1f, 1f), (2f, 1f, 1f), (1f, 1f, 0.5f) })
        {
            Report($"mixture {a}/{b}/{c}", (r, p) =>
            {
                for (var i = 0; i < count; i++)
                {
                    p[i] = a * r.Linear[i] + b * r.Bayes[i] + c * r.Votes[i];
                }
            });
        }
        foreach (var beta in new[] { -0.3f, -0.15f, 0.15f })
        {
            Report($"product + {beta} log prior", (r, p) =>
            {
                fitted.Combine(false, r.Linear, r.Bayes, r.Votes, p, scratch);
                for (var i = 0; i < count; i++)
                {
                    p[i] = MathF.Log(p[i] + 1e-9f) + beta * MathF.Log(prior[i] + 1e-6f);
                }
            });
        }
        // Ranking depends only on the weights' ratios: the grid fixes the linear weight at 1.
        foreach (var bayes in new[] { 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.8f })
        {
            foreach (var neighbours in new[] { 0.3f, 0.45f, 0.6f, 0.8f })
            {
                var w = new BlendWeights(1f, bayes, neighbours);
                Report($"grid {w}", (r, p) => w.Combine(false, r.Linear, r.Bayes, r.Votes, p, scratch));
            }
        }
        // Weights fitted on the test titles themselves (optimistic): all at once, then per band of the linear model's top probability.
        var scores = rows.Select(r => new HeldOutScores(r.Linear, r.Bayes, r.Votes, [r.Truth])).ToList();
        var global = BlendFitter.Fit(scores, false);
        Report($"product, fitted on test {global}", (r, p) => global.Combine(false, r.Linear, r.Bayes, r.Votes, p, scratch));
        float[] bands = [0f, 0.3f, 0.6f, 0.8f, 1.01f];
        var perBand = new BlendWeights[bands.Length - 1];
        for (var b = 0; b < perBand.Length; b++)
        {
            var lo = bands[b];
            var hi = bands[b + 1];
            perBand[b] = BlendFitter.Fit([.. scores.Where(s => s.Linear.Max() >= lo && s.Linear.Max() < hi)], false);
            Console.WriteLine($"  band {lo}-{hi}: {perBand[b]}");
        }
        Report("product, fitted on test per band", (r, p) =>
        {
            var max = r.Linear.Max();
            var b = Array.FindLastIndex(bands, x => x <= max);
            perBand[Math.Min(b, perBand.Length - 1)].Combine(false, r.Linear, r.Bayes, r.Votes, p, scratch);
        });
        foreach (var lambda in new[] { 0.1f, 0.25f, 0.5f })
        {
            Report($"product + {lambda} mixture", (r, p) =>
            {
                fitted.Combine(false, r.Linear, r.Bayes, r.Votes, p, scratch);
                for (var i = 0; i < count; i++)
                {
                    mix[i] = (r.Linear[i] + r.Bayes[i] + r.Votes[i]) / 3;
                    p[i] = (1 - lambda) * p[i] + lambda * mix[i];
                }
            });
        }
    }
}

/// <summary>Reports on the calling thread, so lines print in order with the stage timings.</summary>
internal sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
