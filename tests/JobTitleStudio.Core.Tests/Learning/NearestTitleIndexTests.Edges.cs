using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

/// <summary>The search's per-thread arrays, degenerate queries and searches beside a writer (from the review of the search's speed-ups).</summary>
public sealed partial class NearestTitleIndexTests
{
    private static LearningExample Example(string key, FeatureVector features, int label, bool correction = false) =>
        new(new TitleInput(key, features), [label], 1f, correction);

    private static int[] Sharing(NearestTitleIndex index, FeatureVector query) =>
        [.. Enumerable.Range(0, index.Count).Where(d => index.Document(d).Ids.Intersect(query.Ids.ToArray()).Any()).Order()];

    /// <summary>
    /// One thread searches a small index (its scores sized for it), then the index grows through the overlay past
    /// the thread's arrays (no fold: under 4,096 added): every search reads every title sharing a feature, once.
    /// </summary>
    [Fact]
    public void Growing_overlay_past_the_threads_arrays_lists_every_reached_title_once()
    {
        var options = Exhaustive with { K = 5, Candidates = 4000 };
        var index = new NearestTitleIndex(1, Dimension, options);
        var baseTitles = Titles(30, seed: 1);
        index.Learn([.. baseTitles.Select((f, i) => (0, Example($"base {i}", f, i % 3)))]);
        var added = Titles(3500, seed: 2);
        var query = new FeatureVector([0, 1, 2], [1f, 1f, 1f]);
        var failures = OnNewThread(() =>
        {
            var bad = new List<string>();
            for (var i = 0; i < added.Length; i++)
            {
                index.Learn(0, Example($"added {i}", added[i], i % 3));
                if (i % 97 == 0 || i == added.Length - 1)
                {
                    var snapshot = index.Current;
                    var got = snapshot.Predict(query, 4000).Select(n => n.Document).ToArray();
                    var expected = Sharing(index, query);
                    if (!got.Order().SequenceEqual(expected) || got.Distinct().Count() != got.Length)
                    {
                        bad.Add($"after {i}: {got.Length} vs {expected.Length}");
                    }
                    // The same search again (scores must have been reset) and on a fresh thread.
                    var again = snapshot.Predict(query, 4000);
                    if (!again.SequenceEqual(snapshot.Predict(query, 4000)))
                    {
                        bad.Add($"repeat {i}");
                    }
                }
            }
            return bad;
        });
        Assert.Empty(failures);
    }

    [Fact]
    public void Degenerate_queries_return_nothing_and_leave_no_score_behind()
    {
        var titles = Titles(200, seed: 3);
        var index = new NearestTitleIndex(1, Dimension, Exhaustive);
        index.Learn([.. titles.Select((f, i) => (0, Example($"t {i}", f, i % 3)))]);
        var probe = titles[17];
        var fresh = OnNewThread(() => index.Predict(probe, 10));
        var same = OnNewThread(() =>
        {
            Assert.Empty(index.Predict(new FeatureVector([], []), 10));
            Assert.Empty(index.Predict(new FeatureVector([-3, Dimension, Dimension + 900], [1f, 1f, 1f]), 10));
            Assert.Empty(index.Predict(new FeatureVector([1, 2], [0f, 0f]), 10));
            Assert.Empty(index.Predict(probe, 0));
            _ = index.Predict(new FeatureVector([1, 2], [float.NaN, 1f]), 10);
            _ = index.Predict(new FeatureVector([1, 2], [float.PositiveInfinity, 1f]), 10);
            _ = index.Predict(new FeatureVector([1, 2], [-1f, 1f]), 10);
            var k = index.Predict(probe, 100_000); // K far larger than the index
            Assert.Equal(k.Length, k.Select(n => n.Document).Distinct().Count());
            return index.Predict(probe, 10);
        });
        Assert.Equal(fresh, same);
    }

    [Fact]
    public void A_one_title_index_with_one_candidate_answers_it_and_ties_go_to_the_lowest_id()
    {
        var options = new NeighbourOptions { K = 1, Candidates = 1 };
        var index = new NearestTitleIndex(1, Dimension, options);
        index.Learn(0, Example("solo", new FeatureVector([4, 5], [1f, 1f]), 0));
        var n = index.Predict(new FeatureVector([5], [1f]), 1);
        Assert.Single(n);
        Assert.Equal(0, n[0].Document);
        // Ties: many identical titles, only candidates=1: the lowest id.
        for (var i = 0; i < 50; i++)
        {
            index.Learn(0, Example($"same {i}", new FeatureVector([4, 5], [1f, 1f]), 0));
        }
        n = index.Predict(new FeatureVector([4, 5], [1f, 1f]), 1);
        Assert.Equal(0, n[0].Document);
    }

    /// <summary>Predictions on two threads while the writer adds, relabels and folds: each snapshot's answer is stable.</summary>
    [Fact]
    public void Predicting_while_correcting_gives_each_snapshot_its_own_answer()
    {
        var options = new NeighbourOptions { K = 10, Candidates = 24 };
        var index = new NearestTitleIndex(2, Dimension, options);
        var titles = Titles(7000, seed: 9);
        index.Learn([.. titles.Take(500).Select((f, i) => (0, Example($"t {i}", f, i % 3)))]);
        var queries = Titles(50, seed: 10);
        var stop = 0;
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        void Reader()
        {
            try
            {
                var r = 0;
                while (Volatile.Read(ref stop) == 0)
                {
                    var snapshot = index.Current;
                    var q = queries[r++ % queries.Length];
                    var a = snapshot.Predict(q, 10);
                    var b = snapshot.Predict(q, 10);
                    if (!a.SequenceEqual(b))
                    {
                        errors.Add("unstable");
                    }
                    if (r % 50 == 0 && !a.SequenceEqual(OnNewThread(() => snapshot.Predict(q, 10))))
                    {
                        errors.Add("differs from a fresh thread");
                    }
                    if (a.Any(n => n.Document >= snapshot.Count))
                    {
                        errors.Add("out of range");
                    }
                }
            }
            catch (Exception e)
            {
                errors.Add(e.ToString());
            }
        }
        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(Reader)).ToArray();
        foreach (var t in readers)
        {
            t.Start();
        }
        var random = new Random(4);
        for (var i = 0; i < 9000; i++)
        {
            var which = random.Next(titles.Length);
            index.Learn(random.Next(2), Example($"t {which}", titles[which], random.Next(5), correction: random.Next(2) == 0));
        }
        Volatile.Write(ref stop, 1);
        Assert.True(index.Count > 4096, $"no fold exercised: {index.Count}");
        foreach (var t in readers)
        {
            t.Join();
        }
        Assert.Empty(errors);
    }
}
