using System.Diagnostics;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// The partial selections of a prediction on the largest axis, on the linear model's real outputs: the naive Bayes
/// candidates (top-16 with no hint, as <see cref="TitleClassifier.ChooseBayesCandidates"/> asks) and a top-5 barred
/// by those candidates (as the answer asks, here over the linear output). The outputs are computed first, so the
/// rounds time only the selection; a checksum of the chosen indexes compares two builds.
/// </summary>
internal static class SelectionCost
{
    private const int Rounds = 30;
    private const int Batch = 64;

    public static int Run(string modelPath, string titlesCsv)
    {
        var model = ModelFile.Load(modelPath);
        var linear = model.CurrentLearners.Linear.Current;
        var axis = Enumerable.Range(0, model.Axes.Count).Where(a => !model.Axes[a].MultiLabel).MaxBy(a => model.Axes[a].Count);
        var count = model.Axes[axis].Count;
        var titles = Csv.ReadPairs(titlesCsv).Select(r => r.Title).Distinct(StringComparer.Ordinal).ToArray();
        var outputs = new float[titles.Length][];
        for (var i = 0; i < titles.Length; i++)
        {
            var analysis = model.Featurizer.Analyze(titles[i]);
            outputs[i] = new float[count];
            linear.Predict(axis, new TitleInput(analysis.Title.Normalized, analysis.Features), outputs[i]);
        }
        Console.WriteLine($"{titles.Length} distinct titles, axis {model.Axes[axis].Name} ({count} categories); {OnetBenchmark.LoadAverage()}");
        var candidates = new int[titles.Length][];
        for (var i = 0; i < titles.Length; i++)
        {
            candidates[i] = new int[TitleClassifier.BayesCandidates];
        }
        var top = new int[5];
        for (var round = 1; round <= Rounds; round++)
        {
            var checksum = 0L;
            var candidateTicks = 0L;
            var topTicks = 0L;
            // Batches that fit the L2 cache, read once before they are timed: a prediction selects among outputs it
            // has just written, while all the titles' outputs (50 MB) would come from memory.
            for (var first = 0; first < titles.Length; first += Batch)
            {
                var end = Math.Min(titles.Length, first + Batch);
                var sum = 0f;
                for (var i = first; i < end; i++)
                {
                    sum += outputs[i].Sum();
                }
                checksum += sum > 0 ? 0 : 1;
                var started = Stopwatch.GetTimestamp();
                for (var i = first; i < end; i++)
                {
                    TopSelection.Largest(outputs[i], candidates[i]);
                }
                var middle = Stopwatch.GetTimestamp();
                for (var i = first; i < end; i++)
                {
                    TopSelection.Largest(outputs[i], top, candidates[i]);
                    checksum = checksum * 31 + top[0] + 7L * top[4];
                }
                topTicks += Stopwatch.GetTimestamp() - middle;
                candidateTicks += middle - started;
            }
            foreach (var chosen in candidates)
            {
                foreach (var c in chosen)
                {
                    checksum = checksum * 31 + c;
                }
            }
            var perTitle = 1e9 / Stopwatch.Frequency / titles.Length;
            Console.WriteLine($"round {round}: top-{TitleClassifier.BayesCandidates} candidates {candidateTicks * perTitle:F0} ns, top-5 barred by them {topTicks * perTitle:F0} ns per title; checksum {checksum:X16}");
        }
        return 0;
    }
}
