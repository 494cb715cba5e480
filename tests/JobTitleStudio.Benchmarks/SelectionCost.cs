using System.Diagnostics;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// The partial selections of a prediction, on the linear model's real outputs of each single-label axis: on a large
/// axis the naive Bayes candidates (top-16 with no hint, as <see cref="TitleClassifier.ChooseBayesCandidates"/> asks)
/// and a top-5 barred by them (as the answer asks, here over the linear output); on a small axis the answer's top-5.
/// The outputs are computed first, so the rounds time only the selection; a checksum of the chosen indexes compares
/// two builds.
/// </summary>
internal static class SelectionCost
{
    private const int Rounds = 30;
    private const int Batch = 64;

    public static int Run(string modelPath, string titlesCsv)
    {
        var model = ModelFile.Load(modelPath);
        var linear = model.CurrentLearners.Linear.Current;
        var axes = Enumerable.Range(0, model.Axes.Count).Where(a => !model.Axes[a].MultiLabel).ToArray();
        var titles = Csv.DistinctTitles(titlesCsv);
        var outputs = new float[axes.Length][][];
        var candidates = new int[titles.Length][];
        for (var x = 0; x < axes.Length; x++)
        {
            outputs[x] = new float[titles.Length][];
        }
        for (var i = 0; i < titles.Length; i++)
        {
            var analysis = model.Featurizer.Analyze(titles[i]);
            var input = TitleInput.Of(analysis);
            for (var x = 0; x < axes.Length; x++)
            {
                outputs[x][i] = new float[model.Axes[axes[x]].Count];
                linear.Predict(axes[x], input, outputs[x][i]);
            }
            candidates[i] = new int[TitleClassifier.BayesCandidates];
        }
        Console.WriteLine($"{titles.Length} distinct titles, single-label axes {string.Join(", ", axes.Select(a => $"{model.Axes[a].Name} {model.Axes[a].Count}"))}; {OnetBenchmark.LoadAverage()}");
        var top = new int[5];
        for (var round = 1; round <= Rounds; round++)
        {
            var line = new List<string>();
            var checksum = 0L;
            for (var x = 0; x < axes.Length; x++)
            {
                var large = model.Axes[axes[x]].Count > TitleClassifier.CandidateAxisSize;
                var candidateTicks = 0L;
                var topTicks = 0L;
                // Batches that fit the L2 cache, read once before they are timed: a prediction selects among outputs
                // it has just written, while all the titles' outputs (50 MB on Occupation) would come from memory.
                for (var first = 0; first < titles.Length; first += Batch)
                {
                    var end = Math.Min(titles.Length, first + Batch);
                    var sum = 0f;
                    for (var i = first; i < end; i++)
                    {
                        sum += outputs[x][i].Sum();
                    }
                    checksum += sum > 0 ? 0 : 1;
                    var started = Stopwatch.GetTimestamp();
                    for (var i = first; large && i < end; i++)
                    {
                        TopSelection.Largest(outputs[x][i], candidates[i]);
                    }
                    var middle = Stopwatch.GetTimestamp();
                    for (var i = first; i < end; i++)
                    {
                        TopSelection.Largest(outputs[x][i], top.AsSpan(0, Math.Min(top.Length, outputs[x][i].Length)), large ? candidates[i] : []);
                        checksum = checksum * 31 + top[0] + 7L * top[^1];
                    }
                    topTicks += Stopwatch.GetTimestamp() - middle;
                    candidateTicks += middle - started;
                }
                for (var i = 0; large && i < titles.Length; i++)
                {
                    foreach (var c in candidates[i])
                    {
                        checksum = checksum * 31 + c;
                    }
                }
                var perTitle = 1e9 / Stopwatch.Frequency / titles.Length;
                line.Add(large
                    ? $"{model.Axes[axes[x]].Name}: top-{TitleClassifier.BayesCandidates} candidates {candidateTicks * perTitle:F0} ns, top-5 barred by them {topTicks * perTitle:F0} ns"
                    : $"{model.Axes[axes[x]].Name}: top-5 {topTicks * perTitle:F0} ns");
            }
            Console.WriteLine($"round {round}: {string.Join("; ", line)} per title; checksum {checksum:X16}");
        }
        return 0;
    }
}
