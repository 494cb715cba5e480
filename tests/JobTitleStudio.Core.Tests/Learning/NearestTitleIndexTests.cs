using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed partial class NearestTitleIndexTests
{
    private const int Dimension = 64;

    /// <summary>Every posting list read in full: the search's shortcuts out of the way.</summary>
    private static readonly NeighbourOptions Exhaustive = new() { K = 10, MaxPostings = int.MaxValue, PostingBudget = int.MaxValue, Candidates = 1000 };

    /// <summary>
    /// Titles of 2 to 7 features out of 48, the low ids far more common (as "manager" is), with uneven values: distinct
    /// feature sets, so no two titles tie by accident.
    /// </summary>
    private static FeatureVector[] Titles(int count, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var titles = new List<FeatureVector>();
        while (titles.Count < count)
        {
            var ids = Enumerable.Range(0, random.Next(2, 8)).Select(_ => (int)(48 * Math.Pow(random.NextDouble(), 2))).Distinct().Order().ToArray();
            if (seen.Add(string.Join(' ', ids)))
            {
                titles.Add(new FeatureVector(ids, [.. ids.Select(_ => 0.2f + (float)random.NextDouble())]));
            }
        }
        return [.. titles];
    }

    private static NearestTitleIndex Index(NeighbourOptions options, IReadOnlyList<FeatureVector> titles)
    {
        var index = new NearestTitleIndex(1, Dimension, options);
        index.Learn([.. titles.Select((features, i) => (0, new LearningExample(new TitleInput($"title {i}", features), [i % 5], 1f, false)))]);
        return index;
    }

    /// <summary>The idf-weighted dot product and cosine of the search's definition, computed plainly for one known title.</summary>
    private static (float Dot, float Cosine) Reference(NearestTitleIndex index, IReadOnlyList<FeatureVector> titles, FeatureVector query, int document)
    {
        var norm = MathF.Sqrt(query.Values.ToArray().Sum(v => v * v));
        var idf = query.Ids.ToArray().Select(f => NearestTitleIndex.Idf(titles.Count(t => t.Ids.Contains(f)), titles.Count)).ToArray();
        var queryNorm = MathF.Sqrt(query.Values.ToArray().Select((v, i) => v / norm * idf[i]).Sum(v => v * v));
        var known = index.Document(document);
        var dot = 0f;
        for (var i = 0; i < query.Count; i++)
        {
            var at = Array.IndexOf(known.Ids, query.Ids[i]);
            dot += at < 0 ? 0f : query.Values[i] / norm * idf[i] * idf[i] * known.Values[at];
        }
        return (dot, Math.Min(dot / (queryNorm * known.WeightedNorm), 1f));
    }

    /// <summary>The known titles sharing a feature with the query, best first by <paramref name="by"/>, ties to the lower id.</summary>
    private static int[] Ranked(NearestTitleIndex index, IReadOnlyList<FeatureVector> titles, FeatureVector query, Func<(float Dot, float Cosine), float> by) =>
        [.. Enumerable.Range(0, titles.Count)
            .Where(d => titles[d].Ids.ToArray().Intersect(query.Ids.ToArray()).Any())
            .OrderByDescending(d => by(Reference(index, titles, query, d)))
            .ThenBy(d => d)];

    /// <summary>Runs on a thread of its own (fresh per-thread search arrays); a failure there fails the test here.</summary>
    private static T OnNewThread<T>(Func<T> work)
    {
        var result = default(T);
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            throw new InvalidOperationException("The work failed on its thread.", error);
        }
        return result!;
    }

    [Fact]
    public void With_every_list_read_the_neighbours_are_the_titles_of_highest_cosine_with_their_exact_similarity()
    {
        var titles = Titles(300, seed: 5);
        var index = Index(Exhaustive, titles);

        foreach (var query in Titles(40, seed: 6))
        {
            var neighbours = index.Predict(query, Exhaustive.K);

            var expected = Ranked(index, titles, query, r => r.Cosine).Take(Exhaustive.K).ToArray();
            Assert.Equal(expected, neighbours.Select(n => n.Document));
            Assert.All(neighbours, n => Assert.Equal(Reference(index, titles, query, n.Document).Cosine, n.Similarity, 5));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(13)]
    [InlineData(24)]
    public void The_candidates_are_the_titles_of_highest_partial_score_whatever_their_number(int candidates)
    {
        var titles = Titles(300, seed: 7);
        var options = Exhaustive with { K = 1, Candidates = candidates };
        var index = Index(options, titles);

        foreach (var query in Titles(40, seed: 8))
        {
            var neighbours = index.Predict(query, candidates);

            // Every list read in full, a title's partial score is its whole dot product; the chosen are then ranked by cosine.
            var chosen = Ranked(index, titles, query, r => r.Dot).Take(candidates);
            var expected = chosen.OrderByDescending(d => Reference(index, titles, query, d).Cosine).ThenBy(d => d).ToArray();
            Assert.Equal(expected, neighbours.Select(n => n.Document));
        }
    }

    [Fact]
    public void Titles_of_equal_similarity_rank_and_enter_the_candidates_lower_id_first()
    {
        FeatureVector Same() => new([3, 9, 17], [1f, 0.5f, 0.25f]);
        var titles = new[] { new FeatureVector([3, 40], [1f, 1f]), Same(), Same(), Same(), new FeatureVector([9, 41], [1f, 1f]) };
        var wide = Index(Exhaustive, titles);
        var narrow = Index(Exhaustive with { K = 1, Candidates = 2 }, titles);

        var all = wide.Predict(Same(), 5);
        var two = narrow.Predict(Same(), 2);

        Assert.Equal([1, 2, 3], all.Take(3).Select(n => n.Document));
        Assert.Equal(all[0].Similarity, all[2].Similarity);
        Assert.Equal([1, 2], two.Select(n => n.Document));
    }

    [Fact]
    public void A_query_whose_every_list_is_longer_than_the_cap_reads_the_start_of_the_shortest_one()
    {
        var titles = new[]
        {
            new FeatureVector([1, 2], [1f, 1f]), new FeatureVector([1, 2, 5], [1f, 1f, 1f]), new FeatureVector([1, 6], [1f, 1f]),
            new FeatureVector([1, 2, 7], [1f, 1f, 1f]), new FeatureVector([1, 8], [1f, 1f]),
        };
        var index = Index(new NeighbourOptions { K = 5, MaxPostings = 2, Candidates = 5 }, titles);

        var neighbours = index.Predict(new FeatureVector([1, 2], [1f, 1f]), 5);

        // Feature 2 (three titles) is shorter than feature 1 (five): only its first two titles are reached.
        Assert.Equal([0, 1], neighbours.Select(n => n.Document));
        Assert.Equal(1f, neighbours[0].Similarity, 5);
    }

    [Fact]
    public void A_search_leaves_no_partial_score_behind_for_the_next()
    {
        var titles = Titles(300, seed: 9);
        var index = Index(new NeighbourOptions { K = 5, MaxPostings = 40, PostingBudget = 60, Candidates = 6 }, titles);
        var queries = Titles(60, seed: 10);

        var forward = queries.Select(q => index.Predict(q, 5)).ToArray();
        var backward = queries.Reverse().Select(q => index.Predict(q, 5)).Reverse().ToArray();

        // A new thread starts with its own scores, all zero: each query as the first search ever.
        var first = queries.Select(q => OnNewThread(() => index.Predict(q, 5))).ToArray();
        Assert.Equal(first, forward);
        Assert.Equal(first, backward);
    }

    [Fact]
    public void A_search_reaching_every_known_title_through_several_lists_lists_each_once()
    {
        // 2,048 titles: as many as the scores a thread holds after a search of a small index, so the search must grow them.
        var small = Index(Exhaustive, Titles(10, seed: 11));
        var titles = Enumerable.Range(0, 2048).Select(i => new FeatureVector([0, 1, 2 + i % 60], [1f, 1f, 1f])).ToArray();
        var large = Index(Exhaustive with { K = 5, Candidates = 2048 }, titles);

        var neighbours = OnNewThread(() =>
        {
            small.Predict(titles[0], 5);
            return large.Predict(new FeatureVector([0, 1], [1f, 1f]), 2048);
        });

        Assert.Equal(Enumerable.Range(0, 2048), neighbours.Select(n => n.Document).Order());
    }

    [Fact]
    public void A_query_with_an_infinite_value_finds_no_neighbours_and_such_a_title_is_not_indexed()
    {
        var index = new NearestTitleIndex(1, 64, new NeighbourOptions { K = 10, Candidates = 24 });
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            int[] ids = [.. Enumerable.Range(0, 4).Select(_ => random.Next(40)).Distinct().Order()];
            index.Learn(0, new LearningExample(new TitleInput($"t {i}", new FeatureVector(ids, [.. ids.Select(_ => 0.1f + random.NextSingle())])), [0], 1f, false));
        }
        index.Learn(0, new LearningExample(new TitleInput("infinite", new FeatureVector([1, 2], [float.PositiveInfinity, 1f])), [0], 1f, false));

        Assert.Empty(index.Predict(new FeatureVector([1, 2, 3], [float.PositiveInfinity, 1f, 1f]), 10));
        var finite = index.Predict(new FeatureVector([1, 2, 3], [1f, 1f, 1f]), 10);
        Assert.NotEmpty(finite);
        Assert.All(finite, n => Assert.True(float.IsFinite(n.Similarity)));
    }
}
