using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class LearnerTests
{
    private static readonly (string Title, int Label)[] Table =
    [
        ("marketing manager", 0), ("digital marketing specialist", 0), ("brand marketing director", 0), ("marketing coordinator", 0),
        ("sales manager", 1), ("account executive sales", 1), ("inside sales representative", 1), ("sales director", 1),
        ("software engineer", 2), ("senior software developer", 2), ("backend engineer", 2), ("data engineer", 2),
    ];

    private static LinearOptions SmallLinear => new() { Buckets = 64, Dimension = 8, Epochs = 60, LearningRate = 0.5f };

    [Fact]
    public void Naive_bayes_probabilities_sum_to_one_and_favour_the_trained_category()
    {
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(3, TestFeatures.Dimension, new NaiveBayesOptions());
        bayes.Learn([.. Table.Select(r => features.Example(r.Title, r.Label))]);

        var p = new float[3];
        bayes.Predict(features.Input("marketing"), p);

        Assert.Equal(1f, p.Sum(), 4);
        Assert.Equal(0, Array.IndexOf(p, p.Max()));
    }

    [Fact]
    public void Naive_bayes_learning_one_by_one_equals_learning_the_table_at_once()
    {
        var features = new TestFeatures();
        var examples = Table.Select(r => features.Example(r.Title, r.Label)).ToArray();
        var batch = new NaiveBayesLearner(3, TestFeatures.Dimension, new NaiveBayesOptions());
        batch.Learn(examples);
        var incremental = new NaiveBayesLearner(3, TestFeatures.Dimension, new NaiveBayesOptions());
        foreach (var example in examples)
        {
            incremental.Learn(example);
        }

        foreach (var probe in new[] { "sales engineer", "marketing", "data director" })
        {
            var a = new float[3];
            var b = new float[3];
            batch.Predict(features.Input(probe), a);
            incremental.Predict(features.Input(probe), b);
            Assert.Equal(a, b, (x, y) => Math.Abs(x - y) < 1e-5);
        }
    }

    [Fact]
    public void Naive_bayes_one_by_one_equals_the_whole_table_for_a_feature_seen_with_every_category()
    {
        // "manager" is seen with all 40 categories, so its logs are kept as a dense row that later adds patch.
        const int categories = 40;
        var features = new TestFeatures();
        var first = Enumerable.Range(0, categories).Select(c => features.Example($"manager w{c}", c)).ToArray();
        var later = Enumerable.Range(0, 100).Select(i => features.Example($"manager w{i % 7} extra{i % 3}", (i * 11) % categories)).ToArray();
        var batch = new NaiveBayesLearner(categories, TestFeatures.Dimension, new NaiveBayesOptions());
        batch.Learn([.. first, .. later]);
        var incremental = new NaiveBayesLearner(categories, TestFeatures.Dimension, new NaiveBayesOptions());
        incremental.Learn(first);
        foreach (var example in later)
        {
            incremental.Learn(example);
        }

        foreach (var probe in new[] { "manager", "manager w3", "manager extra1 w5" })
        {
            var a = new float[categories];
            var b = new float[categories];
            batch.Predict(features.Input(probe), a);
            incremental.Predict(features.Input(probe), b);
            Assert.Equal(a, b, (x, y) => Math.Abs(x - y) < 1e-4);
        }
    }

    [Fact]
    public void Naive_bayes_applies_the_exact_multinomial_formula()
    {
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(2, TestFeatures.Dimension, new NaiveBayesOptions { Alpha = 1f });
        bayes.Learn([features.Example("a a2", 0), features.Example("b", 1)]);

        var p = new float[2];
        bayes.Predict(features.Input("a"), p);

        // Vocabulary 3, alpha 1. P(0) = 2/4 smoothed prior (1+1)/(2+2); P(a|0) = (1+1)/(2+3); P(a|1) = (0+1)/(1+3).
        var score0 = Math.Log(0.5) + Math.Log(2.0 / 5);
        var score1 = Math.Log(0.5) + Math.Log(1.0 / 4);
        Assert.Equal(Math.Exp(score0) / (Math.Exp(score0) + Math.Exp(score1)), p[0], 4);
    }

    [Fact]
    public void Linear_learner_separates_the_table()
    {
        var features = new TestFeatures();
        var linear = new LinearLearner(3, multiLabel: false, SmallLinear);
        linear.Learn([.. Table.Select(r => features.Example(r.Title, r.Label))]);

        foreach (var (title, label) in Table)
        {
            var p = new float[3];
            linear.Predict(features.Input(title), p);
            Assert.Equal(label, Array.IndexOf(p, p.Max()));
        }
    }

    [Fact]
    public void Linear_incremental_update_raises_the_taught_category()
    {
        var features = new TestFeatures();
        var linear = new LinearLearner(3, multiLabel: false, SmallLinear);
        linear.Learn([.. Table.Select(r => features.Example(r.Title, r.Label))]);
        var before = new float[3];
        linear.Predict(features.Input("growth hacker"), before);

        linear.Learn(features.Example("growth hacker", 0));

        var after = new float[3];
        linear.Predict(features.Input("growth hacker"), after);
        Assert.True(after[0] > before[0], $"{after[0]} should exceed {before[0]}");
    }

    [Fact]
    public void Multi_label_linear_gives_each_category_its_own_probability()
    {
        var features = new TestFeatures();
        var linear = new LinearLearner(3, multiLabel: true, SmallLinear);
        linear.Learn([new LearningExample(features.Input("sales engineer"), [1, 2]), features.Example("marketing manager", 0)]);

        var p = new float[3];
        linear.Predict(features.Input("sales engineer"), p);

        Assert.True(p[1] > 0.5f && p[2] > 0.5f && p[0] < 0.5f, string.Join(", ", p));
    }

    [Fact]
    public void Options_with_bad_values_say_what_to_fix()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LinearOptions { Dimension = 0 }.Validate());
        Assert.Contains("default 100", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NaiveBayesOptions { Alpha = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeighbourOptions { K = 10, Candidates = 5 }.Validate());
        Assert.Contains("null to always search", Assert.Throws<ArgumentOutOfRangeException>(() => new NeighbourOptions { SkipSearchAbove = 1.5f }.Validate()).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlendOptions { CorrectionProbability = 0.5f }.Validate());
    }

    [Fact]
    public void Memory_is_uniform_for_unknown_titles_and_a_correction_beats_imported_counts()
    {
        var features = new TestFeatures();
        var memory = new TitleMemory(3);
        memory.Learn([features.Example("sales manager", 1), features.Example("sales manager", 1)]);

        var unknown = new float[3];
        memory.Predict(features.Input("cfo"), unknown);
        Assert.All(unknown, p => Assert.Equal(1f / 3, p, 5));

        memory.Learn(features.Example("sales manager", 0, correction: true));
        memory.Learn(features.Example("sales manager", 1));

        var p = new float[3];
        memory.Predict(features.Input("sales manager"), p);
        Assert.Equal(0, Array.IndexOf(p, p.Max()));
        Assert.Equal([0], memory.Recall("sales manager")!.Corrected!);
    }

    [Fact]
    public void Nearest_titles_rank_the_exact_duplicate_first_with_similarity_one()
    {
        var features = new TestFeatures();
        var index = new NearestTitleIndex(1, TestFeatures.Dimension, new NeighbourOptions());
        index.Learn([.. Table.Select(r => (0, features.Example(r.Title, r.Label)))]);

        var neighbours = index.Predict(features.Of("senior software developer"), 3);

        Assert.Equal("senior software developer", index.Document(neighbours[0].Document).Normalized);
        Assert.Equal(1f, neighbours[0].Similarity, 5);
        Assert.True(neighbours[1].Similarity < 1f);
    }

    [Fact]
    public void Capped_posting_lists_still_give_exact_cosine_similarities()
    {
        var features = new TestFeatures();
        var examples = Table.Select(r => (0, features.Example(r.Title, r.Label))).ToArray();
        var capped = new NearestTitleIndex(1, TestFeatures.Dimension, new NeighbourOptions { K = 2, MaxPostings = 3, PostingBudget = 2, Candidates = 12 });
        capped.Learn(examples);
        var exact = new NearestTitleIndex(1, TestFeatures.Dimension, new NeighbourOptions { K = 2 });
        exact.Learn(examples);

        var query = features.Of("sales engineer manager");
        var fromCapped = capped.Predict(query, 2);
        var fromExact = exact.Predict(query, 2);

        Assert.Equal(fromExact.Select(n => n.Similarity), fromCapped.Select(n => n.Similarity));
    }

    [Fact]
    public void A_correction_replaces_the_known_titles_labels_on_that_axis_only()
    {
        var features = new TestFeatures();
        var index = new NearestTitleIndex(2, TestFeatures.Dimension, new NeighbourOptions());
        index.Learn(0, features.Example("talent acquisition manager", 1));
        index.Learn(1, features.Example("talent acquisition manager", 4));

        index.Learn(0, features.Example("talent acquisition manager", 2, correction: true));

        var document = index.Document(0);
        Assert.Equal(1, index.Count);
        Assert.Equal([2], document.Labels[0]);
        Assert.Equal([4], document.Labels[1]);
    }

    [Fact]
    public void Blend_fitting_lowers_held_out_log_loss_and_trusts_the_informative_learner()
    {
        var random = new Random(3);
        var items = new List<HeldOutScores>();
        for (var i = 0; i < 200; i++)
        {
            var label = random.Next(3);
            var informative = new float[] { 0.1f, 0.1f, 0.1f };
            informative[label] = 0.8f;
            var noise = new float[3];
            noise[random.Next(3)] = 0.9f;
            for (var c = 0; c < 3; c++)
            {
                noise[c] += 0.05f;
            }
            items.Add(new HeldOutScores(noise, noise, informative, [label]));
        }

        var fitted = BlendFitter.Fit(items, multiLabel: false);

        Assert.True(BlendFitter.LogLoss(items, fitted, false) < BlendFitter.LogLoss(items, BlendWeights.Default, false));
        Assert.True(fitted.Neighbours > fitted.Linear && fitted.Neighbours > fitted.Bayes, fitted.ToString());
    }

    [Fact]
    public void Blend_fitting_on_many_titles_prefers_the_weights_that_rank_more_labels_first_over_the_lowest_log_loss()
    {
        var items = SureButSometimesWrongBayes(BlendFitter.MinRankingCategories);

        var logLossOnly = BlendFitter.Fit(items, multiLabel: false, fitRanking: false);
        var fitted = BlendFitter.Fit(items, multiLabel: false);

        Assert.True(Top1(items, fitted) > Top1(items, logLossOnly) + 0.01, $"ranking fit {fitted}: {Top1(items, fitted):P1}; log-loss fit {logLossOnly}: {Top1(items, logLossOnly):P1}");
        Assert.True(fitted.Bayes / fitted.Linear > logLossOnly.Bayes / logLossOnly.Linear, $"{fitted} against {logLossOnly}");
    }

    [Fact]
    public void Blend_fitting_keeps_the_log_loss_weights_on_an_axis_with_few_categories()
    {
        var items = SureButSometimesWrongBayes(BlendFitter.MinRankingCategories - 1);

        Assert.Equal(BlendFitter.Fit(items, multiLabel: false, fitRanking: false), BlendFitter.Fit(items, multiLabel: false));
    }

    /// <summary>
    /// Naive Bayes is right on 75% of the titles but certain of a wrong category on the rest, which log-loss
    /// punishes hard; the linear learner is right on 60%, never sure. Most labels come first when naive
    /// Bayes leads, so a ranking fit gives it more weight than log-loss alone does.
    /// </summary>
    private static List<HeldOutScores> SureButSometimesWrongBayes(int categories)
    {
        var random = new Random(5);
        var items = new List<HeldOutScores>();
        for (var i = 0; i < BlendFitter.MinRankingTitles + 200; i++)
        {
            var label = random.Next(categories);
            var other = (label + 1 + random.Next(categories - 1)) % categories;
            var linear = Enumerable.Repeat(0.4f / categories, categories).ToArray();
            linear[random.NextDouble() < 0.6 ? label : other] = 0.5f;
            linear[random.NextDouble() < 0.5 ? label : other] += 0.1f;
            var right = random.NextDouble() < 0.75;
            var bayes = Enumerable.Repeat(right ? 0.4f / categories : 1e-7f, categories).ToArray();
            bayes[right ? label : other] = right ? 0.6f : 1f;
            var votes = Enumerable.Repeat(1f / categories, categories).ToArray();
            items.Add(new HeldOutScores(linear, bayes, votes, [label]));
        }
        return items;
    }

    private static double Top1(List<HeldOutScores> items, BlendWeights weights)
    {
        var count = items[0].Linear.Length;
        var result = new float[count];
        var scratch = new float[count];
        return items.Count(item =>
        {
            weights.Combine(false, item.Linear, item.Bayes, item.Neighbours, result, scratch);
            return result.All(p => p <= result[item.Labels[0]]);
        }) / (double)items.Count;
    }

    [Fact]
    public void Blend_fitting_keeps_the_default_weights_when_few_titles_are_held_out()
    {
        var items = Enumerable.Range(0, BlendFitter.MinHeldOutTitles - 1)
            .Select(i => new HeldOutScores([0.4f, 0.3f, 0.3f], [0.4f, 0.3f, 0.3f], [0.6f, 0.2f, 0.2f], [0]))
            .ToList();

        Assert.Equal(BlendWeights.Default, BlendFitter.Fit(items, multiLabel: false));
        Assert.NotEqual(BlendWeights.Default, BlendFitter.Fit([.. items, items[0]], multiLabel: false));
    }

    [Theory]
    [InlineData(1017, 100)]
    [InlineData(26, 56)]
    [InlineData(11, 24)]
    [InlineData(3, 16)]
    public void An_axis_with_few_categories_gets_a_narrower_embedding(int categories, int dimension)
    {
        var learner = new LinearLearner(categories, multiLabel: false, new LinearOptions { Buckets = 64 });

        Assert.Equal(dimension, learner.Dimension);
    }

    [Fact]
    public void A_correction_on_a_thousand_category_axis_copies_far_less_than_its_output_layer()
    {
        const int categories = 1000;
        var features = new TestFeatures();
        // Steps large enough that the linear model alone ranks the taught category first (in a model the
        // exact-title memory does that, and the default step is smaller).
        var linear = new LinearLearner(categories, multiLabel: false, new LinearOptions { Buckets = 1 << 12, Epochs = 2, UpdateLearningRate = 0.3f, UpdateSteps = 3 });
        linear.Learn([.. Enumerable.Range(0, 60).Select(i => features.Example($"title w{i % 50} x{i % 7}", i % categories))]);
        var correction = features.Example("title w3 x5", 999, correction: true);
        linear.Learn(correction);

        var allocated = AllocatedBy(() => linear.Learn(correction));

        var outputLayer = categories * (linear.Dimension + 1) * sizeof(float);
        Assert.True(allocated < outputLayer / 8, $"a correction allocated {allocated} bytes; the output layer is {outputLayer}");
        var p = new float[categories];
        linear.Predict(correction.Input, p);
        Assert.Equal(999, Array.IndexOf(p, p.Max()));
    }

    [Fact]
    public void A_naive_bayes_snapshot_keeps_its_counts_while_later_corrections_change_them_in_place_of_copies()
    {
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(3, TestFeatures.Dimension, new NaiveBayesOptions());
        bayes.Learn([.. Table.Select(r => features.Example(r.Title, r.Label))]);
        var probe = features.Input("senior sales engineer manager");
        var before = bayes.Current;
        var expected = new float[3];
        before.Predict(probe, expected);
        var examples = before.Examples;

        // First changes of base features: one with a category it was seen with, one with a new category, one unseen feature.
        bayes.Learn(features.Example("sales manager", 1, correction: true));
        bayes.Learn(features.Example("senior engineer", 1, correction: true));
        bayes.Learn(features.Example("senior brandnew", 0, correction: true));

        var again = new float[3];
        before.Predict(probe, again);
        Assert.Equal(expected, again);
        Assert.Equal(examples, before.Examples);
        var after = new float[3];
        bayes.Predict(probe, after);
        Assert.True(after[1] > expected[1], $"sales after the corrections {after[1]}, before {expected[1]}");
        Assert.Equal(examples + 3, bayes.Current.Examples);
    }

    [Fact]
    public void A_naive_bayes_correction_on_a_thousand_category_axis_copies_no_array_of_every_category_but_its_logs()
    {
        const int categories = 1000;
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(categories, TestFeatures.Dimension, new NaiveBayesOptions());
        bayes.Learn([.. Enumerable.Range(0, 200).Select(i => features.Example($"title w{i % 50} x{i % 7}", i % categories))]);
        var correction = features.Example("title w3 x5", 999, correction: true);
        bayes.Learn(correction);

        var allocated = AllocatedBy(() => bayes.Learn(correction));

        // The log prior and normaliser of every category change with each example (two arrays); the counts
        // behind them are copied a chunk at a time, and a changed feature copies only its own postings.
        var logArrays = 2 * categories * sizeof(float);
        Assert.True(allocated < logArrays + 4096, $"a correction allocated {allocated} bytes; its two log arrays are {logArrays}");
    }

    [Fact]
    public void Titles_learned_after_the_bulk_build_are_found_with_their_labels()
    {
        var features = new TestFeatures();
        var examples = Table.Select(r => (0, features.Example(r.Title, r.Label))).ToArray();
        var index = new NearestTitleIndex(1, TestFeatures.Dimension, new NeighbourOptions { K = 3 });
        index.Learn(examples[..4]);
        foreach (var (axis, example) in examples[4..])
        {
            index.Learn(axis, example);
        }

        var neighbours = index.Predict(features.Of("data engineer"), 3);

        Assert.Equal(Table.Length, index.Count);
        Assert.Equal("data engineer", index.Document(neighbours[0].Document).Normalized);
        Assert.Equal(1f, neighbours[0].Similarity, 4);
        Assert.Equal([2], index.Current.Labels(neighbours[0].Document, 0).ToArray());
        Assert.Contains(neighbours.Skip(1), n => index.Document(n.Document).Normalized.Contains("engineer", StringComparison.Ordinal));
    }

    [Fact]
    public void Naive_bayes_over_candidates_ranks_them_as_the_full_prediction_does()
    {
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(3, TestFeatures.Dimension, new NaiveBayesOptions());
        bayes.Learn([.. Table.Select(r => features.Example(r.Title, r.Label))]);
        bayes.Learn(features.Example("sales engineer", 2));
        var input = features.Input("senior sales engineer");

        var full = new float[3];
        bayes.Predict(input, full);
        var partial = new float[3];
        bayes.Current.Predict(input, [1, 2], partial);

        Assert.Equal(0f, partial[0]);
        Assert.Equal(1f, partial[1] + partial[2], 5);
        Assert.Equal(full[1] / full[2], partial[1] / partial[2], 3);
    }

    [Fact]
    public void Feature_id_rows_survive_the_varint_encoding_and_disorder_is_refused()
    {
        int[] start = [0, 3, 3, 5];
        int[] ids = [0, 127, 1 << 20, 5, 300_000];
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            BinaryArrays.WriteAscendingRows(writer, start, ids);
            BinaryArrays.WriteAscendingRows(writer, [0, 2], [7, 3]);
        }
        stream.Position = 0;
        using var reader = new BinaryReader(stream);

        Assert.Equal(ids, BinaryArrays.ReadAscendingRows(reader, start, (1 << 20) + 1));
        Assert.Throws<InvalidDataException>(() => BinaryArrays.ReadAscendingRows(reader, [0, 2], 100));
    }

    /// <summary>Bytes this thread allocated during <paramref name="action"/>.</summary>
    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
