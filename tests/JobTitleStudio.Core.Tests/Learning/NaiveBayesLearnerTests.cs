using System.Numerics.Tensors;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed partial class NaiveBayesLearnerTests
{
    private static readonly int[] CategoryCounts = [300, 26, 11];

    /// <summary>Titles of words w0..w59: frequent words are seen with many categories (dense rows), rare ones with few.</summary>
    private static LearningExample[] Table(TestFeatures features, int categories, int seed, int rows = 1500)
    {
        var random = new Random(seed);
        return
        [
            .. Enumerable.Range(0, rows).Select(_ =>
            {
                var label = random.Next(categories);
                var words = Enumerable.Range(0, random.Next(2, 7)).Select(_ => random.Next(10) < 3 ? random.Next(6) : 6 + (label * 7 + random.Next(12)) % 54);
                return features.Example(string.Join(' ', words.Select(w => $"w{w}")), label);
            }),
        ];
    }

    private static TitleInput[] Probes(TestFeatures features, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 200).Select(_ => features.Input(string.Join(' ', Enumerable.Range(0, random.Next(1, 8)).Select(_ => $"w{random.Next(60)}"))))];
    }

    private static float[] Predict(NaiveBayesLearner.Snapshot snapshot, TitleInput input, int categories)
    {
        var p = new float[categories];
        snapshot.Predict(input, p);
        return p;
    }

    [Fact]
    public void The_shared_start_table_answers_as_each_axis_own_table_also_after_one_axis_is_rebuilt()
    {
        var features = new TestFeatures();
        var shared = CategoryCounts.Select(c => new NaiveBayesLearner(c, TestFeatures.Dimension, new NaiveBayesOptions())).ToArray();
        var alone = CategoryCounts.Select(c => new NaiveBayesLearner(c, TestFeatures.Dimension, new NaiveBayesOptions())).ToArray();
        NaiveBayesLearner.ShareStarts(shared);
        for (var a = 0; a < shared.Length; a++)
        {
            var table = Table(features, CategoryCounts[a], seed: a);
            shared[a].Learn(table);
            alone[a].Learn(table);
        }
        var probes = Probes(features, seed: 99);
        var beforeRebuild = shared[0].CurrentShared;
        var answeredBefore = probes.Select(p => Predict(beforeRebuild, p, CategoryCounts[0])).ToArray();

        foreach (var learners in new[] { shared, alone })
        {
            learners[0].Learn(Table(features, CategoryCounts[0], seed: 7, rows: 900));
        }

        Assert.Equal(1, shared[0].Current.Starts.Stride);
        Assert.Equal(3, shared[1].CurrentShared.Starts.Stride);
        Assert.Same(shared[0].Current.Starts.Table, shared[2].Current.Starts.Table);
        Assert.NotSame(beforeRebuild.Starts.Table, shared[0].Current.Starts.Table);
        for (var a = 0; a < shared.Length; a++)
        {
            for (var f = 0; f <= TestFeatures.Dimension; f++)
            {
                Assert.Equal(shared[a].CurrentShared.Base.Entries[f], shared[a].CurrentShared.Starts[f]);
            }
            foreach (var probe in probes)
            {
                Assert.Equal(Predict(alone[a].Current, probe, CategoryCounts[a]), Predict(shared[a].CurrentShared, probe, CategoryCounts[a]));
            }
        }
        // A snapshot taken before the rebuild keeps its own table: it answers as it did.
        Assert.Equal(answeredBefore, probes.Select(p => Predict(beforeRebuild, p, CategoryCounts[0])).ToArray());
    }

    [Theory]
    [InlineData(300, false)]
    [InlineData(300, true)]
    [InlineData(26, false)]
    [InlineData(26, true)]
    public void Scoring_the_candidates_gives_the_full_scoring_renormalised_over_them(int categoryCount, bool afterCorrections)
    {
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(categoryCount, TestFeatures.Dimension, new NaiveBayesOptions());
        bayes.Learn(Table(features, categoryCount, seed: 3));
        if (afterCorrections)
        {
            // Changed features go to the overlay: a dense one's few changed categories to its patch, a sparse one's postings.
            foreach (var example in Table(features, categoryCount, seed: 4, rows: 40))
            {
                bayes.Learn(example with { IsCorrection = true });
            }
        }
        Assert.NotEmpty(bayes.Current.Base.DenseFeatures);
        Assert.Equal(categoryCount <= BayesBase.FullRowCategories, bayes.Current.Base.Rows is not null);
        var random = new Random(5);
        foreach (var probe in Probes(features, seed: 6))
        {
            var full = Predict(bayes.Current, probe, categoryCount);
            var candidates = Enumerable.Range(0, 40).Select(_ => random.Next(categoryCount)).Distinct().Take(categoryCount / 2).ToArray();
            var partial = new float[categoryCount];

            bayes.Current.Predict(probe, candidates, partial);

            var mass = candidates.Sum(c => full[c]);
            foreach (var c in candidates)
            {
                Assert.Equal(full[c] / mass, partial[c], 1e-5f);
            }
            Assert.Equal(0f, Enumerable.Range(0, categoryCount).Except(candidates).Sum(c => partial[c]));
        }
    }

    [Theory]
    [InlineData(1000, 1)]
    [InlineData(1000, 8)]
    [InlineData(1000, 9)]
    [InlineData(1000, 48)]
    [InlineData(1100, 9)]
    public void Scoring_the_candidates_adds_the_floats_of_their_postings_in_feature_order(int categoryCount, int candidateCount)
    {
        // Up to 1,024 categories a block's candidates are found through a bitmap, 32 pairs at a time; above, pair by pair.
        // Dense rows are gathered at whole vectors of candidates, the lanes past the last dropped.
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(categoryCount, TestFeatures.Dimension, new NaiveBayesOptions());
        bayes.Learn(Table(features, categoryCount, seed: 31, rows: 3000));
        var snapshot = bayes.Current;
        var start = snapshot.Base.Start;
        var lengths = Enumerable.Range(0, start.Length - 1).Select(f => start[f + 1] - start[f]).ToArray();
        Assert.Contains(lengths, l => l > 32 && !BayesBase.IsDense(l, categoryCount));
        Assert.Contains(lengths, l => BayesBase.IsDense(l, categoryCount));
        var random = new Random(32);
        foreach (var probe in Probes(features, seed: 33))
        {
            var candidates = Enumerable.Range(0, 4 * candidateCount).Select(_ => random.Next(categoryCount)).Distinct().Take(candidateCount).ToArray();
            var mass = TensorPrimitives.Sum(probe.Features.Values);
            var expected = candidates.Select(c => snapshot.LogPrior[c] - mass * snapshot.LogNormaliser[c]).ToArray();
            for (var i = 0; i < probe.Features.Ids.Length; i++)
            {
                var postings = snapshot.Base.Postings(probe.Features.Ids[i]);
                for (var k = 0; k < candidates.Length; k++)
                {
                    expected[k] += probe.Features.Values[i] * postings.LogOf(candidates[k]);
                }
            }
            Probability.SoftMax(expected);
            var answered = new float[categoryCount];

            snapshot.Predict(probe, candidates, answered);

            Assert.Equal(expected, candidates.Select(c => answered[c]).ToArray());
        }
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(26, false)]
    [InlineData(300, false)]
    [InlineData(11, true)]
    [InlineData(26, true)]
    [InlineData(300, true)]
    public void An_axis_read_through_its_packed_start_entries_answers_the_floats_its_postings_add_up_to(int categoryCount, bool afterCorrections)
    {
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(categoryCount, TestFeatures.Dimension, new NaiveBayesOptions());
        bayes.Learn(Table(features, categoryCount, seed: 21));
        if (afterCorrections)
        {
            foreach (var example in Table(features, categoryCount, seed: 22, rows: 40))
            {
                bayes.Learn(example with { IsCorrection = true });
            }
        }
        var snapshot = bayes.Current;
        Assert.NotNull(snapshot.Base.PackedEntries);
        // A small axis has rows of whole cache lines; a large one finds its dense rows through the same entries.
        Assert.Equal(categoryCount <= BayesBase.FullRowCategories, snapshot.Base.Rows is not null);
        if (snapshot.Base.Rows is not null)
        {
            Assert.Equal(0, snapshot.Base.RowWidth % 16);
            Assert.True(snapshot.Base.RowWidth >= categoryCount, $"rows of {snapshot.Base.RowWidth} floats for {categoryCount} categories");
        }
        Assert.Contains(snapshot.Base.PackedEntries, e => (e & 1) != 0);
        foreach (var probe in Probes(features, seed: 23).Append(features.Input("w1 unseenword w2")))
        {
            // The postings' sum in feature order (each feature's changed counts winning over the base), as the
            // scoring without full rows adds it.
            var expected = new float[categoryCount];
            TensorPrimitives.MultiplyAdd(snapshot.LogNormaliser, -TensorPrimitives.Sum(probe.Features.Values), snapshot.LogPrior, expected);
            for (var i = 0; i < probe.Features.Ids.Length; i++)
            {
                var feature = probe.Features.Ids[i];
                var postings = (snapshot.OverlayCount > 0 ? snapshot.Overlay[feature] : null) ?? snapshot.Base.Postings(feature);
                for (var c = 0; c < categoryCount; c++)
                {
                    expected[c] += probe.Features.Values[i] * postings.LogOf(c);
                }
            }
            Probability.SoftMax(expected);

            var answered = Predict(snapshot, probe, categoryCount);

            if (afterCorrections)
            {
                // A patched dense feature adds its row and then the patch's difference: the same up to rounding.
                Assert.Equal(expected, answered, (e, a) => MathF.Abs(e - a) <= 1e-6f);
            }
            else
            {
                Assert.Equal(expected, answered);
            }
        }
    }

    [Fact]
    public void Axes_of_different_featurizers_cannot_share_a_start_table()
    {
        NaiveBayesLearner[] learners =
        [
            new(4, TestFeatures.Dimension, new NaiveBayesOptions()),
            new(4, TestFeatures.Dimension + 1, new NaiveBayesOptions()),
        ];

        var error = Assert.Throws<ArgumentException>(() => NaiveBayesLearner.ShareStarts(learners));

        Assert.Contains("share one featurizer", error.Message);
    }

    [Fact]
    public void A_correction_on_one_axis_is_seen_by_its_next_prediction_and_leaves_the_axes_sharing_its_start_table_as_they_were()
    {
        var features = new TestFeatures();
        var learners = CategoryCounts.Select(c => new NaiveBayesLearner(c, TestFeatures.Dimension, new NaiveBayesOptions())).ToArray();
        NaiveBayesLearner.ShareStarts(learners);
        for (var a = 0; a < learners.Length; a++)
        {
            learners[a].Learn(Table(features, CategoryCounts[a], seed: 10 + a));
        }
        var probe = features.Input("w1 w30 w41");
        var before = learners.Select((l, a) => Predict(l.CurrentShared, probe, CategoryCounts[a])).ToArray();
        Assert.All(learners, l => Assert.Equal(3, l.Current.Starts.Stride));
        var taught = Array.IndexOf(before[0], before[0].Min());

        for (var i = 0; i < 30; i++)
        {
            learners[0].Learn(features.Example("w1 w30 w41", taught, correction: true));
        }

        var after = Predict(learners[0].CurrentShared, probe, CategoryCounts[0]);
        Assert.Equal(taught, Array.IndexOf(after, after.Max()));
        Assert.Equal(before[1], Predict(learners[1].CurrentShared, probe, CategoryCounts[1]));
        Assert.Equal(before[2], Predict(learners[2].CurrentShared, probe, CategoryCounts[2]));
    }

    [Fact]
    public void An_axis_with_more_categories_than_16_bits_hold_is_refused_with_the_limit()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new NaiveBayesLearner(70_000, TestFeatures.Dimension, new NaiveBayesOptions()));

        Assert.Contains("65,536", refused.Message, StringComparison.Ordinal);
    }
}
