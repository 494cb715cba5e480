using System.Diagnostics;
using System.Globalization;
using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// Experiment (onet ... quick rerank=1): a second stage over the blend's top K Occupation candidates. Generic
/// title-category features with weights shared by every category; score = blend log-probability + a correction (a
/// linear one, or boosted trees), trained with a listwise softmax loss on training titles held out of second models
/// (one, or F cross-fitted folds) trained on the other training rows. Category statistics come from the training rows
/// of the model being scored only: never test titles, never the categories' display names (they include test titles).
/// </summary>
internal static class RerankExperiment
{
    private static readonly string[] Names =
    [
        "log blend", "log(1+rank blend)", "log linear", "log bayes", "log votes", "log(1+rank linear)", "log(1+rank bayes)",
        "log(1+rank votes)", "best neighbour sim", "neighbour share", "head is a head of c", "log(1+titles of c with head)",
        "share of words seen in c", "best word Jaccard", "same word set", "log(1+titles of c)", "All Other", "same broad as top-1",
        "same minor as top-1", "same major as top-1", "broad-group mass", "minor-group mass", "head among c's words", "blend top-1",
        "title: blend top-1 log-prob", "title: words", "title: linear top-1 log-prob",
    ];

    private static int FeatureCount => Names.Length;

    public static void Run(TitleClassifier model, AxisDefinition axis, List<(string Title, string Code)> train, List<(string Title, string Code)> test,
        TitleFeaturizer featurizer, ModelOptions options, string[] arguments)
    {
        var k = (int)Setting(arguments, "rerank.k", 30);
        var heldOutTitles = (int)Setting(arguments, "rerank.heldout", 2000);
        var l2 = Setting(arguments, "rerank.l2", 1e-3);
        var iterations = (int)Setting(arguments, "rerank.iter", 400);
        var watch = Stopwatch.StartNew();

        var normalized = train.Select(r => featurizer.Normalizer.Normalize(r.Title).Normalized).ToArray();
        var distinct = normalized.Distinct(StringComparer.Ordinal).Count();
        var seed = options.Linear.Seed + 1000;
        // folds=F (cross-fitting): F second models, each holding out a 1/F of the training titles; otherwise one holding out heldout titles.
        var foldCount = (int)Setting(arguments, "rerank.folds", 0);
        var fraction = Math.Min(0.45, heldOutTitles / (double)distinct);
        var heldLists = new List<CandidateList>();
        for (var fold = 0; fold < Math.Max(1, foldCount); fold++)
        {
            var held = normalized.Select(n => foldCount > 0 ? GroupedSplit.StableHash(n, seed) % (uint)foldCount == fold : GroupedSplit.IsTest(n, fraction, seed)).ToArray();
            var inner = train.Where((_, i) => !held[i]).ToList();
            var outer = train.Where((_, i) => held[i]).ToList();
            var second = new TitleClassifier([axis], featurizer);
            second.Train(inner.Select(r => new TrainingRow(r.Title, new Dictionary<string, string[]> { ["Occupation"] = [r.Code] })).ToList(), options);
            Console.WriteLine($"rerank: second model on {inner.Count} rows, {outer.Count} held-out rows, {watch.Elapsed.TotalSeconds:F1} s");
            heldLists.AddRange(Lists(second, axis, new CategoryStats(axis, inner, featurizer), Grouped(outer), k, featurizer));
        }
        var usable = heldLists.Where(l => l.Truth.Any(t => t >= 0)).ToList();
        Console.WriteLine($"rerank: {heldLists.Count} held-out titles, {usable.Count} with a true code in the top {k}; {watch.Elapsed.TotalSeconds:F1} s");
        var (mean, scale) = Standardise(usable);
        var testStats = new CategoryStats(axis, train, featurizer);
        var featureStart = Stopwatch.GetTimestamp();
        var testLists = Lists(model, axis, testStats, Grouped(test), k, featurizer);
        Console.WriteLine($"rerank: test candidates and features {Stopwatch.GetElapsedTime(featureStart).TotalMicroseconds / testLists.Count:F1} us per title (wall, 2 threads, includes a full prediction)");
        var byTitle = testLists.ToDictionary(l => l.Title, StringComparer.Ordinal);
        var variant = 0;
        foreach (var trees in Settings(arguments, "rerank.trees", 0))
        foreach (var depth in Settings(arguments, "rerank.depth", 3))
        foreach (var shrink in Settings(arguments, "rerank.shrink", 0.1))
        foreach (var dropped in Settings(arguments, "rerank.drop", 0)) // bit masks of features left out
        {
            var drop = (long)dropped;
            Func<List<CandidateList>, Func<CandidateList, double[]>> fit = trees > 0
                ? lists => Boosted.Fit(lists, (int)trees, (int)depth, shrink, Setting(arguments, "rerank.minh", 5), drop, ReferenceEquals(lists, usable)).Scores
                : lists =>
                {
                    var w = Fit(lists, mean, scale, l2, iterations, drop, quiet: !ReferenceEquals(lists, usable));
                    return list => Scores(list, w, mean, scale);
                };
            var blendOnly = (Func<CandidateList, double[]>)(list => list.LogBlend);
            var scorer = fit(usable);
            Console.WriteLine($"rerank held-out (in-sample): {Describe(heldLists, blendOnly)} -> {Describe(heldLists, scorer)}");
            // Two-fold on the held-out titles: what the fit gains on titles it did not see, before any shift to the full model.
            if (Setting(arguments, "rerank.twofold", 1) != 0)
            {
                var folds = new[] { heldLists.Where((_, i) => i % 2 == 0).ToList(), heldLists.Where((_, i) => i % 2 == 1).ToList() };
                var foldScorers = folds.Select(f => fit([.. f.Where(l => l.Truth.Any(t => t >= 0))])).ToArray();
                Console.WriteLine($"rerank held-out two-fold: {Describe(folds[1], blendOnly)} / {Describe(folds[0], blendOnly)} -> {Describe(folds[1], foldScorers[0])} / {Describe(folds[0], foldScorers[1])}");
            }

            // gate: rerank only the titles whose linear top-1 probability is below it (a prediction skips the neighbour search above 0.6).
            var gates = Settings(arguments, "rerank.gate", 1.01);
            var runs = gates.Select(gate => ($"reranked, gate {gate}", gate, (Func<CandidateList, double[]>)(list => Math.Exp(list.Features[0][^1]) < gate ? scorer(list) : list.LogBlend)));
            foreach (var (name, gate, score) in runs.Prepend(("blend only", 0, blendOnly)).Skip(variant == 0 ? 0 : 1))
            {
                var items = new List<EvaluationItem>(test.Count);
                foreach (var (title, code) in test)
                {
                    var list = byTitle[title];
                    var (ranked, confidence) = Rank(list, score);
                    var truth = axis.IndexOf(code);
                    items.Add(new EvaluationItem(truth, [.. ranked.Take(5).Select(r => list.Candidates[r])], confidence));
                }
                var report = Metrics.Evaluate(items);
                var scoringStart = Stopwatch.GetTimestamp();
                foreach (var list in testLists)
                {
                    score(list);
                }
                Console.WriteLine($"rerank: scoring {Stopwatch.GetElapsedTime(scoringStart).TotalMicroseconds / testLists.Count:F2} us per title (one thread)");
                Console.WriteLine($"rerank test, {name} (k {k}, {(foldCount > 0 ? $"{foldCount} folds" : $"held out {heldOutTitles}")}, {(trees > 0 ? $"{trees} trees of depth {depth}, shrink {shrink}" : $"linear, l2 {l2}")}, drop {drop}, {testLists.Count(l => Math.Exp(l.Features[0][^1]) < gate)} of {testLists.Count} titles reranked): top-1 {report.Top1:F4}, top-3 {report.Top3:F4}, top-5 {report.Top5:F4}, macro-F1 {report.MacroF1:F3}, ECE {report.ExpectedCalibrationError:F3}");
            }
            variant++;
        }
        Console.WriteLine($"rerank: done in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static double Setting(string[] arguments, string name, double fallback) => Settings(arguments, name, fallback)[0];

    private static double[] Settings(string[] arguments, string name, double fallback) =>
        arguments.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal)) is { } found
            ? [.. found[(name.Length + 1)..].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))]
            : [fallback];

    private static List<(string Title, HashSet<string> Codes)> Grouped(List<(string Title, string Code)> rows) =>
        [.. rows.GroupBy(r => r.Title, StringComparer.Ordinal).Select(g => (g.Key, g.Select(r => r.Code).ToHashSet(StringComparer.Ordinal)))];

    /// <summary>One title's top K: candidates in blend order, their features, the blend mass they hold, the true candidates' positions.</summary>
    private sealed record CandidateList(string Title, int[] Candidates, double[][] Features, double[] LogBlend, double Mass, int[] Truth);

    private static List<CandidateList> Lists(TitleClassifier model, AxisDefinition axis, CategoryStats stats, List<(string Title, HashSet<string> Codes)> titles, int k, TitleFeaturizer featurizer)
    {
        var learners = model.CurrentLearners;
        var index = learners.Index.Current;
        var options = learners.Options;
        var result = new CandidateList[titles.Count];
        Parallel.For(0, titles.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var (title, codes) = titles[i];
            var analyzed = featurizer.Analyze(title, withNames: true);
            var input = TitleInput.Of(analyzed);
            var head = HeadOf(analyzed.Features);
            var words = Words(analyzed.Title);
            var prediction = model.Predict(title, new PredictionOptions { TopN = k, Axes = ["Occupation"], Distribution = true }).Axes[0];
            var blend = prediction.Distribution!;
            var candidates = prediction.Top.Select(t => axis.IndexOf(t.Category)).ToArray();
            var linear = new float[axis.Count];
            var bayes = new float[axis.Count];
            var votes = new float[axis.Count];
            learners.Linear.Current.Predict(0, input, linear);
            learners.Axes[0].Bayes.Predict(input, bayes);
            var neighbours = index.Predict(input.Features, options.Neighbours.K, options.Neighbours);
            TitleClassifier.Vote(index, options, 0, neighbours, votes);
            var sortedLinear = Sorted(linear);
            var sortedBayes = Sorted(bayes);
            var sortedVotes = Sorted(votes);
            var bestSimilarity = new Dictionary<int, (float Best, int Count)>();
            foreach (var n in neighbours)
            {
                foreach (var label in index.Labels(n.Document, 0))
                {
                    var (best, count) = bestSimilarity.GetValueOrDefault(label);
                    bestSimilarity[label] = (Math.Max(best, n.Similarity), count + 1);
                }
            }
            var top = axis.Categories[candidates[0]].Name;
            var mass = candidates.Sum(c => (double)blend[c]);
            var features = new double[candidates.Length][];
            for (var j = 0; j < candidates.Length; j++)
            {
                var c = candidates[j];
                var code = axis.Categories[c].Name;
                var groupMass = (Broad: 0.0, Minor: 0.0);
                foreach (var other in candidates)
                {
                    var name = axis.Categories[other].Name;
                    if (other != c && name[..6] == code[..6])
                    {
                        groupMass.Broad += blend[other];
                    }
                    if (other != c && name[..5] == code[..5])
                    {
                        groupMass.Minor += blend[other];
                    }
                }
                var (similarity, voters) = bestSimilarity.GetValueOrDefault(c);
                var (jaccard, same) = stats.BestOverlap(c, words);
                features[j] =
                [
                    Math.Log(blend[c] + 1e-9),
                    Math.Log(1 + j),
                    Math.Max(-30, Math.Log(linear[c] + 1e-12)),
                    Math.Max(-30, Math.Log(bayes[c] + 1e-12)),
                    Math.Log(votes[c] + 1e-12),
                    Math.Log(1 + Rank(sortedLinear, linear[c])),
                    Math.Log(1 + Rank(sortedBayes, bayes[c])),
                    Math.Log(1 + Rank(sortedVotes, votes[c])),
                    similarity,
                    (double)voters / Math.Max(1, neighbours.Length),
                    head is not null && stats.HeadCount(c, head) > 0 ? 1 : 0,
                    head is null ? 0 : Math.Log(1 + stats.HeadCount(c, head)),
                    stats.SeenShare(c, words),
                    jaccard,
                    same ? 1 : 0,
                    Math.Log(1 + stats.Titles[c]),
                    code.Length >= 7 && code[5..7] == "99" ? 1 : 0,
                    code[..6] == top[..6] ? 1 : 0,
                    code[..5] == top[..5] ? 1 : 0,
                    code[..2] == top[..2] ? 1 : 0,
                    groupMass.Broad / Math.Max(1e-9, mass),
                    groupMass.Minor / Math.Max(1e-9, mass),
                    head is not null && stats.HasWord(c, head) ? 1 : 0,
                    j == 0 ? 1 : 0,
                    Math.Log(blend[candidates[0]] + 1e-9),
                    words.Length,
                    Math.Log(sortedLinear[^1] + 1e-12),
                ];
            }
            var truth = codes.Select(code => Array.IndexOf(candidates, axis.IndexOf(code))).ToArray();
            result[i] = new CandidateList(title, candidates, features, [.. features.Select(f => f[0])], mass, truth);
        });
        return [.. result];
    }

    private static float[] Sorted(float[] values)
    {
        var copy = (float[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    /// <summary>How many values are above <paramref name="value"/> (the sorted copy ascending).</summary>
    private static int Rank(float[] sorted, float value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return sorted.Length - lo;
    }

    private static string? HeadOf(FeatureVector features)
    {
        for (var i = 0; i < features.Count; i++)
        {
            if (features.NameAt(i) is { } name && name.StartsWith("head:", StringComparison.Ordinal))
            {
                return name[5..];
            }
        }
        return null;
    }

    internal static string[] Words(NormalizedTitle title) =>
        [.. title.ExpandedTokens.Where(w => !TitleWords.IsStopword(w) && w.Any(char.IsLetter)).Distinct(StringComparer.Ordinal)];

    private static (double[] Mean, double[] Scale) Standardise(List<CandidateList> lists)
    {
        var mean = new double[FeatureCount];
        var square = new double[FeatureCount];
        var n = 0;
        foreach (var f in lists.SelectMany(l => l.Features))
        {
            for (var i = 0; i < FeatureCount; i++)
            {
                mean[i] += f[i];
                square[i] += f[i] * f[i];
            }
            n++;
        }
        var scale = new double[FeatureCount];
        for (var i = 0; i < FeatureCount; i++)
        {
            mean[i] /= n;
            scale[i] = Math.Sqrt(Math.Max(1e-12, square[i] / n - mean[i] * mean[i]));
        }
        return (mean, scale);
    }

    private static double[] Scores(CandidateList list, double[] weights, double[] mean, double[] scale)
    {
        var scores = new double[list.Candidates.Length];
        for (var j = 0; j < scores.Length; j++)
        {
            var s = list.LogBlend[j];
            for (var f = 0; f < FeatureCount; f++)
            {
                s += weights[f] * (list.Features[j][f] - mean[f]) / scale[f];
            }
            scores[j] = s;
        }
        return scores;
    }

    /// <summary>Candidate positions by reranked score, and the top one's probability (the top K's blend mass shared by a softmax of the scores).</summary>
    private static (int[] Ranked, double Confidence) Rank(CandidateList list, Func<CandidateList, double[]> score)
    {
        var scores = score(list);
        var ranked = Enumerable.Range(0, scores.Length).OrderByDescending(j => scores[j]).ThenBy(j => j).ToArray();
        var max = scores.Max();
        var sum = scores.Sum(s => Math.Exp(s - max));
        return (ranked, list.Mass * Math.Exp(scores[ranked[0]] - max) / sum);
    }

    private static string Describe(List<CandidateList> lists, Func<CandidateList, double[]> score)
    {
        int top1 = 0, top5 = 0;
        foreach (var list in lists)
        {
            var ranked = Rank(list, score).Ranked;
            top1 += list.Truth.Contains(ranked[0]) ? 1 : 0;
            top5 += ranked.Take(5).Any(list.Truth.Contains) ? 1 : 0;
        }
        return $"top-1 {(double)top1 / lists.Count:F3} top-5 {(double)top5 / lists.Count:F3}";
    }

    /// <summary>Listwise softmax loss (the true candidates' share of the top K), L2 on the standardised weights, Adam.</summary>
    private static double[] Fit(List<CandidateList> lists, double[] mean, double[] scale, double l2, int iterations, long drop, bool quiet = false)
    {
        var weights = new double[FeatureCount];
        var m = new double[FeatureCount];
        var v = new double[FeatureCount];
        const double Rate = 0.05, Beta1 = 0.9, Beta2 = 0.999;
        for (var t = 1; t <= iterations; t++)
        {
            var gradient = new double[FeatureCount];
            var loss = 0.0;
            foreach (var list in lists)
            {
                var scores = Scores(list, weights, mean, scale);
                var max = scores.Max();
                var all = scores.Sum(s => Math.Exp(s - max));
                var trueSum = list.Truth.Where(j => j >= 0).Sum(j => Math.Exp(scores[j] - max));
                loss += Math.Log(all) - Math.Log(trueSum);
                for (var j = 0; j < scores.Length; j++)
                {
                    var p = Math.Exp(scores[j] - max) / all;
                    var q = list.Truth.Contains(j) ? Math.Exp(scores[j] - max) / trueSum : 0;
                    for (var f = 0; f < FeatureCount; f++)
                    {
                        gradient[f] += (p - q) * (list.Features[j][f] - mean[f]) / scale[f];
                    }
                }
            }
            for (var f = 0; f < FeatureCount; f++)
            {
                if ((drop >> f & 1) != 0)
                {
                    continue;
                }
                var g = gradient[f] / lists.Count + 2 * l2 * weights[f];
                m[f] = Beta1 * m[f] + (1 - Beta1) * g;
                v[f] = Beta2 * v[f] + (1 - Beta2) * g * g;
                weights[f] -= Rate * m[f] / (1 - Math.Pow(Beta1, t)) / (Math.Sqrt(v[f] / (1 - Math.Pow(Beta2, t))) + 1e-8);
            }
            if (!quiet && (t == 1 || t % 100 == 0))
            {
                Console.WriteLine($"  iteration {t}: loss {loss / lists.Count:F4}");
            }
        }
        return weights;
    }

    /// <summary>What the training rows (only) say about each category: titles, heads, words, word sets.</summary>
    private sealed class CategoryStats
    {
        private readonly Dictionary<string, int>[] _heads;
        private readonly HashSet<string>[] _words;
        private readonly List<string[]>[] _titles;

        public CategoryStats(AxisDefinition axis, List<(string Title, string Code)> rows, TitleFeaturizer featurizer)
        {
            Titles = new int[axis.Count];
            _heads = [.. Enumerable.Range(0, axis.Count).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
            _words = [.. Enumerable.Range(0, axis.Count).Select(_ => new HashSet<string>(StringComparer.Ordinal))];
            _titles = [.. Enumerable.Range(0, axis.Count).Select(_ => new List<string[]>())];
            var analyzed = new (string? Head, string[] Words)[rows.Count];
            Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                var a = featurizer.Analyze(rows[i].Title, withNames: true);
                analyzed[i] = (HeadOf(a.Features), Words(a.Title));
            });
            for (var i = 0; i < rows.Count; i++)
            {
                var c = axis.IndexOf(rows[i].Code);
                Titles[c]++;
                if (analyzed[i].Head is { } head)
                {
                    _heads[c][head] = _heads[c].GetValueOrDefault(head) + 1;
                }
                _words[c].UnionWith(analyzed[i].Words);
                _titles[c].Add(analyzed[i].Words);
            }
        }

        public int[] Titles { get; }

        public int HeadCount(int c, string head) => _heads[c].GetValueOrDefault(head);

        public bool HasWord(int c, string word) => _words[c].Contains(word);

        public double SeenShare(int c, string[] words) => words.Length == 0 ? 0 : (double)words.Count(_words[c].Contains) / words.Length;

        public (double Jaccard, bool Same) BestOverlap(int c, string[] words)
        {
            var best = 0.0;
            var same = false;
            foreach (var other in _titles[c])
            {
                var shared = words.Count(other.Contains);
                var union = words.Length + other.Length - shared;
                if (union > 0)
                {
                    var j = (double)shared / union;
                    best = Math.Max(best, j);
                    same |= shared == words.Length && shared == other.Length;
                }
            }
            return (best, same);
        }
    }

    /// <summary>Gradient-boosted regression trees on the listwise softmax loss (Newton leaves, quantile bins): the nonlinear try.</summary>
    private sealed class Boosted
    {
        private const int Bins = 32;
        private readonly List<(int[] Feature, double[] Threshold, double[] Leaf)> _trees = [];
        private readonly double _shrink;

        private Boosted(double shrink) => _shrink = shrink;

        public double[] Scores(CandidateList list)
        {
            var scores = (double[])list.LogBlend.Clone();
            for (var j = 0; j < scores.Length; j++)
            {
                scores[j] += Correction(list.Features[j]);
            }
            return scores;
        }

        private double Correction(double[] x)
        {
            var sum = 0.0;
            foreach (var (feature, threshold, leaf) in _trees)
            {
                var node = 0;
                while (node < feature.Length)
                {
                    node = 2 * node + (x[feature[node]] <= threshold[node] ? 1 : 2);
                }
                sum += leaf[node - feature.Length];
            }
            return _shrink * sum;
        }

        public static Boosted Fit(List<CandidateList> lists, int rounds, int depth, double shrink, double minHessian, long drop, bool report)
        {
            var model = new Boosted(shrink);
            var rows = lists.SelectMany(l => l.Features).ToArray();
            var n = rows.Length;
            var features = rows[0].Length;
            // Quantile thresholds per feature.
            var thresholds = new double[features][];
            var binned = new byte[features][];
            for (var f = 0; f < features; f++)
            {
                var values = rows.Select(r => r[f]).Order().ToArray();
                thresholds[f] = [.. Enumerable.Range(1, Bins - 1).Select(b => values[(long)b * (n - 1) / Bins]).Distinct()];
                binned[f] = new byte[n];
                for (var i = 0; i < n; i++)
                {
                    var b = Array.BinarySearch(thresholds[f], rows[i][f]);
                    binned[f][i] = (byte)(b >= 0 ? b : ~b);
                }
            }
            var correction = new double[n];
            var g = new double[n];
            var h = new double[n];
            var internalNodes = (1 << depth) - 1;
            var importance = new double[features];
            for (var round = 0; round < rounds; round++)
            {
                var offset = 0;
                foreach (var list in lists)
                {
                    var m = list.Candidates.Length;
                    var scores = new double[m];
                    for (var j = 0; j < m; j++)
                    {
                        scores[j] = list.LogBlend[j] + shrink * correction[offset + j];
                    }
                    var max = scores.Max();
                    var all = scores.Sum(s => Math.Exp(s - max));
                    var trueSum = list.Truth.Where(j => j >= 0).Sum(j => Math.Exp(scores[j] - max));
                    for (var j = 0; j < m; j++)
                    {
                        var p = Math.Exp(scores[j] - max) / all;
                        var q = list.Truth.Contains(j) ? Math.Exp(scores[j] - max) / trueSum : 0;
                        g[offset + j] = p - q;
                        h[offset + j] = Math.Max(1e-6, p * (1 - p));
                    }
                    offset += m;
                }
                var node = new int[n]; // every row starts at the root
                var feature = new int[internalNodes];
                var threshold = new double[internalNodes];
                var splitBin = new int[internalNodes];
                for (var level = 0; level < depth; level++)
                {
                    var first = (1 << level) - 1;
                    var count = 1 << level;
                    var gh = new double[count * features * Bins * 2];
                    Parallel.For(0, features, new ParallelOptions { MaxDegreeOfParallelism = 2 }, f =>
                    {
                        var bins = binned[f];
                        for (var i = 0; i < n; i++)
                        {
                            var at = (((node[i] - first) * features + f) * Bins + bins[i]) * 2;
                            gh[at] += g[i];
                            gh[at + 1] += h[i];
                        }
                    });
                    for (var local = 0; local < count; local++)
                    {
                        double bestGain = 0;
                        int bestFeature = 0, bestBin = Bins; // no split: every row goes left
                        for (var f = 0; f < features; f++)
                        {
                            if ((drop >> f & 1) != 0)
                            {
                                continue;
                            }
                            double totalG = 0, totalH = 0;
                            for (var b = 0; b < Bins; b++)
                            {
                                totalG += gh[((local * features + f) * Bins + b) * 2];
                                totalH += gh[((local * features + f) * Bins + b) * 2 + 1];
                            }
                            double leftG = 0, leftH = 0;
                            for (var b = 0; b < thresholds[f].Length; b++)
                            {
                                leftG += gh[((local * features + f) * Bins + b) * 2];
                                leftH += gh[((local * features + f) * Bins + b) * 2 + 1];
                                var rightG = totalG - leftG;
                                var rightH = totalH - leftH;
                                if (leftH < minHessian || rightH < minHessian)
                                {
                                    continue;
                                }
                                var gain = leftG * leftG / (leftH + 1) + rightG * rightG / (rightH + 1) - totalG * totalG / (totalH + 1);
                                if (gain > bestGain)
                                {
                                    (bestGain, bestFeature, bestBin) = (gain, f, b);
                                }
                            }
                        }
                        importance[bestFeature] += bestGain;
                        feature[first + local] = bestFeature;
                        splitBin[first + local] = bestBin;
                        threshold[first + local] = bestBin < thresholds[bestFeature].Length ? thresholds[bestFeature][bestBin] : double.PositiveInfinity;
                    }
                    for (var i = 0; i < n; i++)
                    {
                        var at = node[i];
                        node[i] = 2 * at + (binned[feature[at]][i] <= splitBin[at] ? 1 : 2);
                    }
                }
                var leafG = new double[1 << depth];
                var leafH = new double[1 << depth];
                for (var i = 0; i < n; i++)
                {
                    leafG[node[i] - internalNodes] += g[i];
                    leafH[node[i] - internalNodes] += h[i];
                }
                var leaf = new double[1 << depth];
                for (var l = 0; l < leaf.Length; l++)
                {
                    leaf[l] = -leafG[l] / (leafH[l] + 1);
                }
                for (var i = 0; i < n; i++)
                {
                    correction[i] += leaf[node[i] - internalNodes];
                }
                model._trees.Add((feature, threshold, leaf));
            }
            if (report)
            {
                var total = importance.Sum();
                foreach (var f in Enumerable.Range(0, features).OrderByDescending(f => importance[f]))
                {
                    Console.WriteLine($"  gain share {Names[f],-30} {importance[f] / total:P1}");
                }
            }
            return model;
        }
    }
}
