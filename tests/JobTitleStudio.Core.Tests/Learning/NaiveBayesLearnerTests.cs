using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class NaiveBayesLearnerTests
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
        var beforeRebuild = shared[0].Current;
        var answeredBefore = probes.Select(p => Predict(beforeRebuild, p, CategoryCounts[0])).ToArray();

        foreach (var learners in new[] { shared, alone })
        {
            learners[0].Learn(Table(features, CategoryCounts[0], seed: 7, rows: 900));
        }

        Assert.Equal(3, shared[1].Current.Starts.Stride);
        Assert.Same(shared[0].Current.Starts.Table, shared[2].Current.Starts.Table);
        for (var a = 0; a < shared.Length; a++)
        {
            for (var f = 0; f <= TestFeatures.Dimension; f++)
            {
                Assert.Equal(shared[a].Current.Base.Start[f], shared[a].Current.Starts[f]);
            }
            foreach (var probe in probes)
            {
                Assert.Equal(Predict(alone[a].Current, probe, CategoryCounts[a]), Predict(shared[a].Current, probe, CategoryCounts[a]));
            }
        }
        // A snapshot taken before the rebuild keeps its own table: it answers as it did.
        Assert.Equal(answeredBefore, probes.Select(p => Predict(beforeRebuild, p, CategoryCounts[0])).ToArray());
    }
}
