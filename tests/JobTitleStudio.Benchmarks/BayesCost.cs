using System.Diagnostics;
using System.Runtime;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// What naive Bayes costs on a saved model, called as a prediction calls it (a large axis scored at the linear
/// model's best categories and the voting neighbours' labels): the size of its tables and of what a title reads,
/// each axis in its own loop (its tables stay cached), and all axes per title right after the linear model's
/// pass over the same title, which evicts much of them as a whole prediction does.
/// </summary>
internal static class BayesCost
{
    public static int Run(string modelPath, string titlesCsv)
    {
        var model = ModelFile.Load(modelPath);
        var learners = model.CurrentLearners;
        var titles = Csv.DistinctTitles(titlesCsv);
        Console.WriteLine($"{titles.Length} distinct titles, {model.Axes.Count} axes; {OnetBenchmark.LoadAverage()}");
        var inputs = titles.Select(t => TitleInput.Of(model.Featurizer.Analyze(t))).ToArray();
        var linear = learners.Linear.Current;
        var index = learners.Index.Current;
        var axes = model.Axes.Count;
        var candidates = new int[axes][][];
        for (var a = 0; a < axes; a++)
        {
            candidates[a] = new int[titles.Length][];
        }
        for (var i = 0; i < titles.Length; i++)
        {
            var outputs = Enumerable.Range(0, axes).Select(a => new float[model.Axes[a].Count]).ToArray();
            var confident = true;
            for (var a = 0; a < axes; a++)
            {
                linear.Predict(a, inputs[i], outputs[a]);
                confident &= !model.Axes[a].MultiLabel && outputs[a].Max() >= learners.Options.Neighbours.SkipSearchAbove;
            }
            var voters = confident ? [] : index.Predict(inputs[i].Features, learners.Options.Neighbours.K);
            for (var a = 0; a < axes; a++)
            {
                if (!model.Axes[a].MultiLabel && model.Axes[a].Count > TitleClassifier.CandidateAxisSize)
                {
                    var chosen = new int[TitleClassifier.MaxBayesCandidates];
                    var found = TitleClassifier.ChooseBayesCandidates(index, a, outputs[a], voters.AsSpan(0, Math.Min(voters.Length, learners.Options.Neighbours.K)), chosen);
                    candidates[a][i] = chosen[..found];
                }
            }
        }
        for (var a = 0; a < axes; a++)
        {
            var snapshot = learners.Axes[a].Bayes.Current;
            var b = snapshot.Base;
            var dense = 0L;
            var sparsePairs = 0L;
            var present = 0L;
            var feats = 0L;
            var histogram = new long[10];
            foreach (var input in inputs)
            {
                foreach (var f in input.Features.Ids)
                {
                    feats++;
                    var length = b.Start[f + 1] - b.Start[f];
                    if (length > 0)
                    {
                        present++;
                        if (BayesBase.IsDense(length, model.Axes[a].Count))
                        {
                            dense++;
                            histogram[Math.Min(9, length / 100)]++;
                        }
                        else
                        {
                            sparsePairs += length;
                        }
                    }
                }
            }
            var n = (double)inputs.Length;
            Console.WriteLine("    dense rows per title by pairs (0-99, 100-199, ...): " + string.Join(" ", histogram.Select(h => (h / n).ToString("F1", System.Globalization.CultureInfo.InvariantCulture))));
            var withCandidates = candidates[a].Count(c => c is not null);
            Console.WriteLine($"  {model.Axes[a].Name}: {model.Axes[a].Count} categories, {b.PresentFeatures} features, {b.Counts.Length} pairs, {b.DenseFeatures.Length} dense rows; "
                + $"per title {feats / n:F1} features, {present / n:F1} present, {dense / n:F1} dense, {sparsePairs / n:F0} sparse pairs; "
                + $"{(withCandidates > 0 ? candidates[a].Where(c => c is not null).Average(c => c.Length) : 0):F1} candidates");
        }
        for (var round = 0; round < 3; round++)
        {
            var report = round > 0;
            if (round == 1)
            {
                Cost.AwaitCompilation();
            }
            for (var a = 0; a < axes; a++)
            {
                var snapshot = learners.Axes[a].Bayes.Current;
                var scores = new float[model.Axes[a].Count];
                var axis = a;
                var compiling = JitInfo.GetCompilationTime();
                var cost = Cost.Of(titles.Length, i => Score(snapshot, inputs[i], candidates[axis][i], scores));
                compiling = JitInfo.GetCompilationTime() - compiling;
                // The same title eight times: its lines stay cached, so this is the CPU work without the misses.
                var cached = Cost.Of(titles.Length, i =>
                {
                    for (var repeat = 0; repeat < 8; repeat++)
                    {
                        Score(snapshot, inputs[i], candidates[axis][i], scores);
                    }
                });
                if (report)
                {
                    Console.WriteLine($"  {model.Axes[a].Name,-12} alone     {cost.CpuSeconds * 1e6 / titles.Length,6:F2} us/title CPU"
                        + $"{(compiling > TimeSpan.FromMilliseconds(1) ? $" (of which the runtime compiled for {compiling.TotalMilliseconds:F0} ms)" : "")}; "
                        + $"each title 8 times in a row {cached.CpuSeconds * 1e6 / titles.Length / 8:F2} us");
                }
            }
            var ticks = 0L;
            var perTitle = new long[titles.Length];
            var perAxis = Enumerable.Range(0, axes).Select(_ => new long[titles.Length]).ToArray();
            var buffers = Enumerable.Range(0, axes).Select(a => new float[model.Axes[a].Count]).ToArray();
            var all = Cost.Of(titles.Length, i =>
            {
                for (var a = 0; a < axes; a++)
                {
                    linear.Predict(a, inputs[i], buffers[a]);
                }
                var start = Stopwatch.GetTimestamp();
                for (var a = 0; a < axes; a++)
                {
                    var axisStart = Stopwatch.GetTimestamp();
                    Score(learners.Axes[a].Bayes.Current, inputs[i], candidates[a][i], buffers[a]);
                    perAxis[a][i] = Stopwatch.GetTimestamp() - axisStart;
                }
                perTitle[i] = Stopwatch.GetTimestamp() - start;
                ticks += perTitle[i];
            });
            var linearOnly = Cost.Of(titles.Length, i =>
            {
                for (var a = 0; a < axes; a++)
                {
                    linear.Predict(a, inputs[i], buffers[a]);
                }
            });
            if (report)
            {
                Array.Sort(perTitle);
                Console.WriteLine($"  all axes after the linear model {ticks * 1e6 / Stopwatch.Frequency / titles.Length,6:F2} us/title wall, "
                    + $"quartiles {perTitle[titles.Length / 4] * 1e6 / Stopwatch.Frequency:F2} / {perTitle[titles.Length / 2] * 1e6 / Stopwatch.Frequency:F2} / {perTitle[3 * titles.Length / 4] * 1e6 / Stopwatch.Frequency:F2}; CPU {(all.CpuSeconds - linearOnly.CpuSeconds) * 1e6 / titles.Length,6:F2} us/title "
                    + $"(linear + naive Bayes {all.CpuSeconds * 1e6 / titles.Length:F1}, linear alone {linearOnly.CpuSeconds * 1e6 / titles.Length:F1})");
                for (var a = 0; a < axes; a++)
                {
                    Array.Sort(perAxis[a]);
                    Console.WriteLine($"    {model.Axes[a].Name,-12} median {perAxis[a][titles.Length / 2] * 1e6 / Stopwatch.Frequency:F2} us/title");
                }
            }
        }
        return 0;
    }

    private static void Score(NaiveBayesLearner.Snapshot snapshot, TitleInput input, int[]? candidates, Span<float> scores)
    {
        if (candidates is null)
        {
            snapshot.Predict(input, scores);
        }
        else
        {
            snapshot.Predict(input, candidates, scores);
        }
    }
}
