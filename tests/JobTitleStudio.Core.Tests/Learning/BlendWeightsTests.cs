using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

/// <summary>The single-label blend of a prediction: sparse naive Bayes and votes against the full blend the weights are fitted on.</summary>
public sealed class BlendWeightsTests
{
    private const int Categories = 300;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_sparse_single_label_blend_gives_the_full_blend_with_the_prior_mixed_in(bool searched)
    {
        var random = new Random(searched ? 3 : 4);
        var weights = new BlendWeights(0.8f, 0.3f, 1.2f);
        var linear = Distribution(random, Categories);
        int[] candidates = [7, 42, 3, 299, 150];
        var bayes = new float[Categories];
        var scores = Distribution(random, candidates.Length);
        for (var k = 0; k < candidates.Length; k++)
        {
            bayes[candidates[k]] = scores[k];
        }
        int[] voted = searched ? [42, 11] : [];
        var rest = searched ? 0.3f / Categories / 2.3f : 1f / Categories;
        var votes = Enumerable.Repeat(rest, Categories).ToArray();
        if (searched)
        {
            votes[42] = (1.5f + 0.3f / Categories) / 2.3f;
            votes[11] = (0.5f + 0.3f / Categories) / 2.3f;
        }
        var share = TitleClassifier.PriorShare(1f, 40f);
        var full = new float[Categories];
        weights.Combine(false, linear, bayes, votes, full, new float[Categories]);
        TitleClassifier.MixPrior(1f, 40f, false, full);

        var sparse = new float[Categories];
        weights.CombineSingleLabel(linear, bayes, bayesDense: false, candidates, votes, voted, rest, share, sparse);

        for (var c = 0; c < Categories; c++)
        {
            Assert.Equal(full[c], sparse[c], 1e-6f);
        }
        Assert.Equal(1.0, sparse.Sum(p => (double)p), 1e-5);
        Assert.Equal(Argmax(full), Argmax(sparse));
    }

    [Fact]
    public void A_dense_naive_Bayes_in_the_single_label_blend_reads_every_category()
    {
        var random = new Random(5);
        var weights = new BlendWeights(0.5f, 0.2f, 1f);
        var linear = Distribution(random, 20);
        var bayes = Distribution(random, 20);
        var votes = Enumerable.Repeat(1f / 20, 20).ToArray();
        var full = new float[20];
        weights.Combine(false, linear, bayes, votes, full, new float[20]);

        var sparse = new float[20];
        weights.CombineSingleLabel(linear, bayes, bayesDense: true, [], votes, [], 1f / 20, 0f, sparse);

        for (var c = 0; c < 20; c++)
        {
            Assert.Equal(full[c], sparse[c], 1e-6f);
        }
    }

    [Fact]
    public void The_vote_at_the_neighbours_labels_matches_the_full_vote_and_names_the_rest()
    {
        var features = new TestFeatures();
        var index = new NearestTitleIndex(1, TestFeatures.Dimension, new NeighbourOptions());
        (string Title, int Label)[] table =
        [
            ("senior software developer", 1), ("software developer", 1), ("software engineer", 2),
            ("sales manager", 3), ("software sales manager", 3), ("developer advocate", 4),
        ];
        index.Learn([.. table.Select(r => (0, features.Example(r.Title, r.Label)))]);
        var snapshot = index.Current;
        var options = new ModelOptions();
        var neighbours = snapshot.Predict(features.Of("software developer manager"), 5);
        var full = new float[8];
        TitleClassifier.Vote(snapshot, options, 0, neighbours, full);

        var probabilities = new float[8];
        var voted = new int[8];
        var strengths = neighbours.Select(n => TitleClassifier.VoteStrength(n.Similarity, options.Neighbours.VotePower)).ToArray();
        var found = TitleClassifier.VoteAtLabels(snapshot, options, 0, neighbours, strengths, probabilities, voted, out var rest);

        Assert.Equal(full.Select((p, c) => (p, c)).Where(x => x.p > rest * 1.0001f).Select(x => x.c).Order(), voted[..found].Order());
        foreach (var c in voted[..found])
        {
            Assert.Equal(full[c], probabilities[c]);
        }
        Assert.All(Enumerable.Range(0, 8).Except(voted[..found]), c => Assert.Equal(full[c], rest));
    }

    [Theory]
    [InlineData(0.8f, 0.3f, 1.2f)]
    [InlineData(0f, 0.3f, 1.2f)]
    [InlineData(0.8f, 0f, 1.2f)]
    [InlineData(0f, 0f, 1f)]
    [InlineData(-0.4f, 0.3f, 0f)]
    public void The_full_single_label_blend_is_the_chain_of_weighted_logs_bit_for_bit(float linearWeight, float bayesWeight, float voteWeight)
    {
        var weights = new BlendWeights(linearWeight, bayesWeight, voteWeight);
        foreach (var count in new[] { 1, 2, 7, 8, 15, 16, 17, 33, 300, 1017 })
        {
            var random = new Random(count);
            var linear = Distribution(random, count);
            var bayes = Distribution(random, count);
            var votes = Distribution(random, count);
            var chain = new float[count];
            var scratch = new float[count];
            BlendWeights.AddLog(linear, linearWeight, chain, scratch);
            BlendWeights.AddLog(bayes, bayesWeight, chain, scratch);
            BlendWeights.AddLog(votes, voteWeight, chain, scratch);
            Probability.SoftMax(chain);

            var combined = new float[count];
            weights.Combine(false, linear, bayes, votes, combined, scratch);

            Assert.Equal(chain, combined);
        }
    }

    [Fact]
    public void Nobody_voting_is_a_uniform_vote()
    {
        var index = new NearestTitleIndex(1, TestFeatures.Dimension, new NeighbourOptions()).Current;

        var found = TitleClassifier.VoteAtLabels(index, new ModelOptions(), 0, [], [], new float[8], new int[8], out var rest);

        Assert.Equal(0, found);
        Assert.Equal(1f / 8, rest, 1e-7f);
    }

    private static float[] Distribution(Random random, int count)
    {
        var values = Enumerable.Range(0, count).Select(_ => MathF.Pow(random.NextSingle(), 8) + 1e-4f).ToArray();
        var sum = values.Sum();
        return [.. values.Select(v => v / sum)];
    }

    private static int Argmax(float[] values) => Array.IndexOf(values, values.Max());
}
