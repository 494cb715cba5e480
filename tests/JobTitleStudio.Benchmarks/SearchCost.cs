using System.Globalization;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// The nearest-title search alone on a saved model's index, with its settings changed (k=, maxpostings=, budget=,
/// candidates=): CPU per search over every distinct title in its own loop, and how close its neighbours come to an
/// exhaustive search (every posting list read, 200 candidates rescored), which is what the shortcuts trade against;
/// and a digest of the neighbours found, equal between two builds that find the same ones with the same similarities.
/// </summary>
internal static class SearchCost
{
    public static int Run(string modelPath, string titlesFile, string[] settings)
    {
        var model = ModelFile.Load(modelPath);
        var learners = model.CurrentLearners;
        // rounds=N repeats the timed loop (5 by default), e.g. for a profiler.
        var rounds = Math.Max(1, settings.Where(s => s.StartsWith("rounds=", StringComparison.Ordinal)).Select(s => int.Parse(s["rounds=".Length..], CultureInfo.InvariantCulture)).LastOrDefault(5));
        settings = [.. settings.Where(s => !s.StartsWith("rounds=", StringComparison.Ordinal))];
        var options = Tuning.Apply(learners.Options, settings).Neighbours;
        var index = learners.Index.Current;
        var titles = Csv.DistinctTitles(titlesFile);
        var features = titles.Select(t => model.Featurizer.Analyze(t).Features).ToArray();
        Console.WriteLine($"{titles.Length} distinct titles, {index.Count} known titles, {features.Average(f => f.Count):F1} features per title; "
            + $"K {options.K}, MaxPostings {options.MaxPostings}, PostingBudget {options.PostingBudget}, Candidates {options.Candidates}; {OnetBenchmark.LoadAverage()}");

        var exhaustive = options with { MaxPostings = int.MaxValue, PostingBudget = int.MaxValue, Candidates = Math.Max(200, options.K) };
        var reference = features.Select(f => index.Predict(f, options.K, exhaustive)).ToArray();
        var found = new Neighbour[titles.Length][];
        var cpu = new List<double>();
        var bytes = 0.0;
        for (var round = 0; round < rounds; round++)
        {
            var cost = Cost.Of(titles.Length, i => found[i] = index.Predict(features[i], options.K, options));
            cpu.Add(cost.CpuSeconds * 1e6 / titles.Length);
            bytes = cost.BytesPerItem;
        }
        cpu.Sort();
        // Two builds of the search that find the same neighbours with the same similarities print the same digest.
        // (HashCode is seeded per process, so a plain polynomial hash.)
        var digest = 17UL;
        foreach (var neighbours in found)
        {
            digest = digest * 1_000_003 + (ulong)neighbours.Length;
            foreach (var neighbour in neighbours)
            {
                digest = (digest * 1_000_003 + (ulong)neighbour.Document) * 1_000_003 + (uint)BitConverter.SingleToInt32Bits(neighbour.Similarity);
            }
        }
        var sameFirst = 0;
        var shared = 0.0;
        var similarityError = 0.0;
        for (var i = 0; i < titles.Length; i++)
        {
            if (reference[i].Length == 0)
            {
                sameFirst += found[i].Length == 0 ? 1 : 0;
                shared += 1;
                continue;
            }
            sameFirst += found[i].Length > 0 && found[i][0].Document == reference[i][0].Document ? 1 : 0;
            var exact = reference[i].Select(n => n.Document).ToHashSet();
            shared += found[i].Count(n => exact.Contains(n.Document)) / (double)reference[i].Length;
            similarityError += Math.Abs(found[i].Sum(n => n.Similarity * n.Similarity) - reference[i].Sum(n => n.Similarity * n.Similarity)) / reference[i].Length;
        }
        Console.WriteLine($"{string.Join(' ', settings)}: {cpu[0]:F1} us CPU per search (best of {rounds}), median {cpu[rounds / 2]:F1}, {bytes:F0} B allocated; "
            + $"against the exhaustive search: same nearest title {sameFirst / (double)titles.Length:P2}, top-{options.K} shared {shared / titles.Length:P2}, "
            + $"mean |vote mass difference| per neighbour {similarityError / titles.Length:F4}; neighbours' digest {digest:X16}");
        return 0;
    }
}
