using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// Normalising and featurising speed over the O*NET titles on one thread, printed for docs/TEXT.md. A benchmark and
/// not a test: on a shared 2-core machine a timed assertion fails for reasons that are not the code's.
/// </summary>
public static class TextSpeed
{
    public static int Run()
    {
        var titles = ReferenceTitles.Onet;
        var normalizer = TitleNormalizer.Shipped;
        var featurizer = new TitleFeaturizer();
        Console.WriteLine($"normalise: {titles.Count:N0} O*NET titles, {Measure(titles, t => normalizer.Normalize(t))}");
        Console.WriteLine($"featurize (normalise + language + features): {titles.Count:N0} O*NET titles, {Measure(titles, t => featurizer.Featurize(t))}");
        return 0;
    }

    /// <summary>
    /// The fastest of three timed passes after a warm-up pass (tiered compilation settles, as in a long-running server),
    /// per wall-clock second and per second of this process's CPU time.
    /// </summary>
    private static string Measure(IReadOnlyList<string> titles, Func<string, object> work)
    {
        foreach (var title in titles)
        {
            work(title);
        }
        double bestWall = 0, bestCpu = 0, bytesPerTitle = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            var cost = Cost.Of(titles.Count, i => work(titles[i]));
            bytesPerTitle = cost.BytesPerItem;
            bestWall = Math.Max(bestWall, titles.Count / cost.WallSeconds);
            bestCpu = Math.Max(bestCpu, titles.Count / Math.Max(cost.CpuSeconds, 1e-9));
        }
        return $"{bestWall:N0} titles/s wall clock, {bestCpu:N0} titles per CPU second (best of 3 passes, one thread), {bytesPerTitle:N0} bytes allocated per title";
    }
}
