using System.Text;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class LinearLearnerTests
{
    private const int Categories = 300;

    [Fact]
    public void Quantised_scores_stay_within_the_rounding_bound_and_rank_the_best_category_as_the_float_scores_do()
    {
        const int categories = 1017;
        const int dimension = 100;
        var random = new Random(5);
        var rows = Enumerable.Range(0, categories)
            .Select(c => Enumerable.Range(0, dimension + 1).Select(_ => (float)(random.NextDouble() - 0.5) * (1 + c % 7)).ToArray())
            .ToArray();
        var h = Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() - 0.5) * 0.3f).ToArray();
        var writer = QuantisedLayer.Writer(categories, dimension);
        for (var c = 0; c < categories; c++)
        {
            QuantisedLayer.Quantise(rows[c], writer, c);
        }
        var approximate = new float[categories];

        QuantisedLayer.Scores(writer.Publish(), h, approximate);

        var hStep = h.Max(MathF.Abs) / 127;
        var exact = new double[categories];
        var worst = 0.0;
        for (var c = 0; c < categories; c++)
        {
            var weights = rows[c][..dimension];
            var wStep = weights.Max(MathF.Abs) / 127;
            exact[c] = rows[c][dimension] + weights.Select((w, j) => (double)w * h[j]).Sum();
            // Each rounded weight and hidden value is off by at most half its step.
            var bound = hStep / 2 * weights.Sum(MathF.Abs) + wStep / 2 * h.Sum(MathF.Abs) + dimension * wStep * hStep / 4 + 1e-4;
            Assert.True(Math.Abs(approximate[c] - exact[c]) <= bound, $"category {c}: {approximate[c]} against {exact[c]} (bound {bound})");
            worst = Math.Max(worst, bound);
        }
        var best = Array.IndexOf(approximate, approximate.Max());
        Assert.True(exact[best] >= exact.Max() - 2 * worst, $"the 8-bit best {best} scores {exact[best]}, the float best {exact.Max()}");
    }

    [Fact]
    public void A_correction_refreshes_the_8_bit_rows_it_changes_so_the_live_model_predicts_as_its_saved_copy()
    {
        var (model, features, options) = Trained();
        var correction = features.Example("title w3 x5", Categories - 1, correction: true);
        var before = Predict(model, features, "title w3 x5");

        model.Learn(0, correction);

        var after = Predict(model, features, "title w3 x5");
        Assert.NotEqual(before, after);
        Assert.True(after[Categories - 1] > before[Categories - 1]);
        var reloaded = Reload(model, options);
        foreach (var title in new[] { "title w3 x5", "title w3 x1", "title w9 x5", "title w40 x2" })
        {
            Assert.Equal(Predict(model, features, title), Predict(reloaded, features, title));
        }
    }

    [Fact]
    public void A_trained_model_predicts_exactly_as_its_saved_copy_whose_embedding_is_16_bits()
    {
        var (model, features, options) = Trained();

        var reloaded = Reload(model, options);

        Assert.True(Categories >= LinearModel.QuantisedFrom);
        foreach (var title in new[] { "title w3 x5", "title w17 x0", "unknown words only" })
        {
            Assert.Equal(Predict(model, features, title), Predict(reloaded, features, title));
        }
        using var saved = new MemoryStream();
        using (var writer = new BinaryWriter(saved, Encoding.UTF8, leaveOpen: true))
        {
            model.Current.Write(writer);
        }
        // 16 bits per embedding weight, 32 per output weight and bias.
        Assert.Equal(options.Buckets * model.Dimension * 2 + Categories * (model.Dimension + 1) * 4, saved.Length);
    }

    [Fact]
    public void A_model_continued_on_more_titles_predicts_exactly_as_its_saved_copy()
    {
        var (model, features, options) = Trained();
        var before = Predict(model, features, "title w3 x5");

        model.Continue([.. Enumerable.Range(0, 200).Select(i => new MultiTaskExample(features.Input($"title w{i % 10} x5"), 1f, [(0, [7])]))]);

        Assert.NotEqual(before, Predict(model, features, "title w3 x5"));
        var reloaded = Reload(model, options);
        foreach (var title in new[] { "title w3 x5", "title w17 x0" })
        {
            Assert.Equal(Predict(model, features, title), Predict(reloaded, features, title));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_axis_output_reports_its_largest_probability_for_the_skip_test(bool multiLabel)
    {
        var features = new TestFeatures();
        var learner = new LinearLearner(Categories, multiLabel, new LinearOptions { Buckets = 1 << 10, Epochs = 3 });
        learner.Learn([.. Enumerable.Range(0, 600).Select(i => features.Example($"title w{i % 40} x{i % 7}", i % Categories))]);
        var snapshot = learner.Model.Current;
        foreach (var title in new[] { "title w3 x5", "title w17 x2", "unseen words" })
        {
            var h = new float[snapshot.Dimension];
            snapshot.Hidden(features.Input(title).Features, h);
            var probabilities = new float[Categories];

            var largest = snapshot.Output(0, h, probabilities);

            Assert.Equal(probabilities.Max(), largest);
            if (!multiLabel)
            {
                Assert.Equal(1.0, probabilities.Sum(p => (double)p), 1e-5);
            }
        }
    }

    private static (LinearModel Model, TestFeatures Features, LinearOptions Options) Trained()
    {
        var features = new TestFeatures();
        var options = new LinearOptions { Buckets = 1 << 10, Epochs = 3, UpdateLearningRate = 0.3f, UpdateSteps = 2 };
        var learner = new LinearLearner(Categories, multiLabel: false, options);
        learner.Learn([.. Enumerable.Range(0, 900).Select(i => features.Example($"title w{i % 50} x{i % 7}", i % Categories))]);
        return (learner.Model, features, options);
    }

    private static float[] Predict(LinearModel model, TestFeatures features, string title)
    {
        var p = new float[Categories];
        model.Current.Predict(0, features.Input(title), p);
        return p;
    }

    private static LinearModel Reload(LinearModel model, LinearOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            model.Current.Write(writer);
        }
        stream.Position = 0;
        var copy = new LinearModel([(Categories, false)], options, initialiseWeights: false);
        using var reader = new BinaryReader(stream);
        copy.ReadState(reader);
        return copy;
    }
}
