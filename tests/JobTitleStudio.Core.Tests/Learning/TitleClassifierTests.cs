using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class TitleClassifierTests
{
    private static readonly Lazy<TitleClassifier> Shared = new(ClassifierFixture.Trained);

    [Fact]
    public void Known_titles_get_their_trained_function()
    {
        var model = Shared.Value;

        foreach (var (title, function) in new[] { ("Marketing Manager", "Marketing"), ("Software Engineer", "Engineering"), ("Financial Analyst", "Finance"), ("Recruiter", "Human Resources") })
        {
            Assert.Equal(function, model.Predict(title)["Function"].Label);
        }
    }

    [Fact]
    public void Probabilities_of_a_single_label_axis_sum_to_one_over_all_categories()
    {
        var prediction = Shared.Value.Predict("Sales Director", new PredictionOptions { TopN = 1000 })["Function"];

        Assert.Equal(ClassifierFixture.Function.Count, prediction.Top.Count);
        Assert.Equal(1f, prediction.Top.Sum(t => t.Probability), 3);
        Assert.Equal(prediction.Top[0].Probability, prediction.Probability);
    }

    [Fact]
    public void The_distribution_gives_every_category_its_probability_in_the_axis_order_only_when_asked()
    {
        var ranked = Shared.Value.Predict("Sales Director", new PredictionOptions { TopN = 1000 })["Function"];
        var asked = Shared.Value.Predict("Sales Director", new PredictionOptions { TopN = 2, Distribution = true })["Function"];

        Assert.Null(ranked.Distribution);
        Assert.Equal(ClassifierFixture.Function.Count, asked.Distribution!.Count);
        Assert.All(ranked.Top, t => Assert.Equal(t.Probability, asked.Distribution[ClassifierFixture.Function.IndexOf(t.Category)]));
        Assert.Equal(2, asked.Top.Count);
    }

    [Fact]
    public void A_model_trained_on_a_few_rows_is_not_certain_about_a_title_it_has_not_seen()
    {
        var prediction = Shared.Value.Predict("Sales Director", new PredictionOptions { TopN = 1000 })["Function"];

        Assert.Equal("Sales", prediction.Label);
        Assert.InRange(prediction.Probability, 0.3f, 0.99f);
        Assert.All(prediction.Top, t => Assert.True(t.Probability > 0.001f, $"{t.Category}: {t.Probability}"));
    }

    [Fact]
    public void A_correction_makes_the_exact_title_answer_the_taught_label_every_time()
    {
        var model = ClassifierFixture.Trained();

        model.Learn("Sales Manager", "Function", "Finance");
        for (var i = 0; i < 20; i++)
        {
            model.Learn(new TrainingRow("Sales Manager", new Dictionary<string, string[]> { ["Function"] = ["Sales"] }));
            var prediction = model.Predict("sales   manager")["Function"];
            Assert.Equal("Finance", prediction.Label);
            Assert.True(prediction.FromCorrection);
        }
    }

    [Fact]
    public void Correcting_a_title_improves_similar_titles_too()
    {
        var model = ClassifierFixture.Trained();
        Assert.Equal("Marketing", model.Predict("Talent acquisition manager")["Function"].Label);
        var before = Probability(model.Predict("Talent acq. mgr")["Function"], "Human Resources");

        model.Learn("Talent acquisition manager", "Function", "Human Resources");

        var after = model.Predict("Talent acq. mgr")["Function"];
        Assert.Equal("Human Resources", after.Label);
        Assert.True(after.Probability > before);
    }

    [Fact]
    public void An_axis_below_its_threshold_abstains_with_other_but_keeps_the_real_ranking()
    {
        var level = new AxisDefinition("Level", [new("Manager"), new("Director"), new("Individual Contributor")], threshold: 0.999);
        var model = new TitleClassifier([level], ClassifierFixture.Featurizer, ClassifierFixture.Options);
        model.Train(ClassifierFixture.Rows.Select(r => new TrainingRow(r.Title, new Dictionary<string, string[]> { ["Level"] = r.Labels["Level"] })));

        var prediction = model.Predict("Head of growth")["Level"];

        Assert.True(prediction.Abstained);
        Assert.Equal("Other", prediction.Label);
        Assert.NotEqual("Other", prediction.Top[0].Category);
        Assert.Equal(prediction.Top[0].Probability, prediction.Probability);
    }

    [Fact]
    public void An_axis_without_threshold_never_abstains()
    {
        var prediction = Shared.Value.Predict("Queen of the World")["Function"];

        Assert.False(prediction.Abstained);
        Assert.NotEqual("Other", prediction.Label);
    }

    [Fact]
    public void A_multi_label_axis_returns_every_category_above_its_threshold()
    {
        var prediction = Shared.Value.Predict("Sales Manager")["Skills"];

        Assert.Contains("People", prediction.Labels);
        Assert.Contains("Numbers", prediction.Labels);
        Assert.DoesNotContain("Code", prediction.Labels);
        Assert.All(prediction.Labels, l => Assert.True(Probability(prediction, l) >= 0.5f));
    }

    [Fact]
    public void Explanation_and_nearest_titles_come_only_when_asked()
    {
        var model = Shared.Value;

        var plain = model.Predict("Digital marketing lead")["Function"];
        var explained = model.Predict("Digital marketing lead", new PredictionOptions { Explain = true, NearestTitles = 3 })["Function"];

        Assert.Null(plain.Explanation);
        Assert.Null(plain.Nearest);
        Assert.Equal("Marketing", explained.Label);
        Assert.Contains(explained.Explanation!, c => c.Feature.Contains("marketing", StringComparison.Ordinal) && c.Weight > 0);
        Assert.Equal(3, explained.Nearest!.Count);
        Assert.Contains("marketing", explained.Nearest[0].Normalized, StringComparison.Ordinal);
        Assert.True(explained.Nearest[0].Similarity >= explained.Nearest[1].Similarity);
    }

    [Fact]
    public void The_neighbour_search_is_skipped_only_when_the_linear_model_is_sure_and_no_nearest_titles_are_asked()
    {
        var model = ClassifierFixture.Trained();
        var function = new PredictionOptions { Axes = ["Function"] };
        var learners = model.CurrentLearners;
        var alwaysSure = learners.Options with { Neighbours = learners.Options.Neighbours with { SkipSearchAbove = 0.01f } };
        var neverSure = learners.Options with { Neighbours = learners.Options.Neighbours with { SkipSearchAbove = null } };

        model.Install(learners with { Options = neverSure });
        var searched = model.Predict("Digital marketing lead", function)["Function"];
        model.Install(learners with { Options = alwaysSure });
        var skipped = model.Predict("Digital marketing lead", function)["Function"];
        var withNearest = model.Predict("Digital marketing lead", function with { NearestTitles = 2 })["Function"];

        Assert.Equal("Marketing", skipped.Label);
        Assert.NotEqual(searched.Probability, skipped.Probability);
        Assert.Equal(searched.Probability, withNearest.Probability);
        Assert.Equal(2, withNearest.Nearest!.Count);
    }

    [Fact]
    public void The_search_follows_neighbour_settings_installed_after_the_model_was_built()
    {
        var model = ClassifierFixture.Trained();
        var asked = new PredictionOptions { Axes = ["Function"], NearestTitles = 5 };
        var learners = model.CurrentLearners;
        var before = model.Predict("Digital marketing lead", asked)["Function"];

        model.Install(learners with { Options = learners.Options with { Neighbours = learners.Options.Neighbours with { K = 2, Candidates = 2 } } });
        var after = model.Predict("Digital marketing lead", asked)["Function"];

        Assert.Equal(5, before.Nearest!.Count);
        Assert.Equal(2, after.Nearest!.Count);
    }

    [Fact]
    public void A_corrected_title_answers_its_label_even_when_the_search_is_skipped()
    {
        var model = ClassifierFixture.Trained();
        var learners = model.CurrentLearners;
        model.Install(learners with { Options = learners.Options with { Neighbours = learners.Options.Neighbours with { SkipSearchAbove = 0.01f } } });

        model.Learn("Sales Manager", "Function", "Finance");

        var prediction = model.Predict("Sales Manager", new PredictionOptions { Axes = ["Function"] })["Function"];
        Assert.Equal("Finance", prediction.Label);
        Assert.True(prediction.FromCorrection);
    }

    [Fact]
    public void Batch_prediction_matches_single_predictions_and_keeps_each_raw_title()
    {
        var model = Shared.Value;
        string[] titles = ["Sales Manager", "sales manager", "Software Engineer", "Sales  Manager", "Controller"];

        var batch = model.PredictBatch(titles);

        Assert.Equal(titles, batch.Select(b => b.Title));
        for (var i = 0; i < titles.Length; i++)
        {
            var single = model.Predict(titles[i]);
            Assert.Equal(single.Normalized.Normalized, batch[i].Normalized.Normalized);
            Assert.Equal(single.Axes.Select(a => a.Top), batch[i].Axes.Select(a => a.Top));
        }
    }

    [Fact]
    public void Requested_axes_limit_the_answer_and_unknown_ones_are_named()
    {
        var model = Shared.Value;

        Assert.Equal(["Level"], model.Predict("CFO", new PredictionOptions { Axes = ["Level"] }).Axes.Select(a => a.Axis));
        var error = Assert.Throws<ArgumentException>(() => model.Predict("CFO", new PredictionOptions { Axes = ["Seniority"] }));
        Assert.Contains("\"Seniority\" is not an axis", error.Message);
    }

    [Fact]
    public void Training_with_a_label_outside_the_taxonomy_says_so()
    {
        var model = new TitleClassifier([ClassifierFixture.Function], ClassifierFixture.Featurizer, ClassifierFixture.Options);

        var error = Assert.Throws<ArgumentException>(() => model.Train([TrainingRow.Of("Lawyer", ("Function", "Legal"))]));

        Assert.Contains("\"Legal\" is not a category of axis \"Function\"", error.Message);
    }

    [Fact]
    public void An_axis_with_more_categories_than_a_model_can_learn_is_refused_by_name()
    {
        var employers = new AxisDefinition("Employer", Enumerable.Range(0, 70_000).Select(i => new CategoryDefinition($"Company {i}")));

        var error = Assert.Throws<ArgumentException>(() => new TitleClassifier([ClassifierFixture.Function, employers], ClassifierFixture.Featurizer, ClassifierFixture.Options));

        Assert.Contains("Axis \"Employer\" has 70,001 categories", error.Message);
        Assert.Contains("at most 65,536", error.Message);
    }

    [Fact]
    public async Task Readers_never_block_or_fail_while_corrections_are_applied()
    {
        var model = ClassifierFixture.Trained();
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var reads = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var prediction = model.Predict("Sales Manager")["Function"];
                if (!(Math.Abs(prediction.Top.Sum(t => t.Probability) - 1f) < 0.05f) || prediction.Label is not ("Sales" or "Finance"))
                {
                    Interlocked.Increment(ref failures);
                }
                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref reads) > 0, TimeSpan.FromSeconds(10)), "readers did not start");

        for (var i = 0; i < 200; i++)
        {
            model.Learn($"Sales manager {i % 7}", "Function", i % 2 == 0 ? "Sales" : "Finance");
        }
        model.Learn("Sales Manager", "Function", "Finance");
        stop.Cancel();
        await Task.WhenAll(readers);

        Assert.Equal(0, failures);
        Assert.Equal("Finance", model.Predict("Sales Manager")["Function"].Label);
    }

    [Fact]
    public async Task A_batch_prediction_keeps_reading_its_model_version_while_corrections_change_the_titles_it_predicts()
    {
        var model = ClassifierFixture.Trained();
        string[] titles = ["Sales Manager", "Marketing Manager", "Software Engineer", "Finance Manager", "Recruiter"];
        var expected = model.PredictBatch(titles);
        using var corrected = new ManualResetEventSlim();
        var started = new TaskCompletionSource();
        // The batch takes its model version first, then reads its titles: they wait until the corrections are done.
        var batch = Task.Run(() => model.PredictBatch(new GatedTitles(titles, started, corrected)));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        for (var i = 0; i < 300; i++)
        {
            model.Learn(titles[i % titles.Length], "Function", i % 2 == 0 ? "Human Resources" : "Finance");
        }
        corrected.Set();
        var during = await batch;

        for (var t = 0; t < titles.Length; t++)
        {
            foreach (var axis in expected[t].Axes)
            {
                Assert.Equal(axis.Top, during[t][axis.Axis].Top);
            }
        }
        Assert.Equal("Finance", model.Predict("Recruiter")["Function"].Label);
    }

    /// <summary>Titles whose first read signals <paramref name="started"/> and every read waits for <paramref name="open"/>.</summary>
    private sealed class GatedTitles(string[] titles, TaskCompletionSource started, ManualResetEventSlim open) : IReadOnlyList<string>
    {
        public int Count => titles.Length;

        public string this[int index]
        {
            get
            {
                started.TrySetResult();
                open.Wait(TimeSpan.FromSeconds(30));
                return titles[index];
            }
        }

        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)titles).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void Training_reports_progress_and_honours_cancellation()
    {
        var model = new TitleClassifier([ClassifierFixture.Function], ClassifierFixture.Featurizer, ClassifierFixture.Options);
        var stages = new List<string>();
        model.Train(ClassifierFixture.Rows.Select(r => TrainingRow.Of(r.Title, ("Function", r.Labels["Function"][0]))), progress: new Callback(p => stages.Add(p.Stage)));

        Assert.Equal("Done", stages[^1]);
        Assert.Throws<OperationCanceledException>(() => model.Train(ClassifierFixture.Rows, cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Cancelling_during_training_stops_it_and_keeps_the_previous_model()
    {
        var model = ClassifierFixture.Trained();
        using var cancel = new CancellationTokenSource();
        var reports = 0;
        var rows = ClassifierFixture.Rows.Select(r => TrainingRow.Of(r.Title, ("Function", "Finance")));

        Assert.ThrowsAny<OperationCanceledException>(() => model.Train(rows, progress: new Callback(_ =>
        {
            if (++reports == 3)
            {
                cancel.Cancel();
            }
        }), cancellationToken: cancel.Token));

        Assert.Equal("Sales", model.Predict("Sales Manager")["Function"].Label);
    }

    [Fact]
    public void A_correction_made_while_the_model_retrains_survives_the_new_model()
    {
        var model = ClassifierFixture.Trained();
        var corrected = false;

        model.Train(ClassifierFixture.Rows, progress: new Callback(p =>
        {
            if (!corrected && p.Stage.StartsWith("Training", StringComparison.Ordinal))
            {
                corrected = true;
                model.Learn("Chief Happiness Officer", "Function", "Human Resources");
            }
        }));

        Assert.True(corrected);
        var prediction = model.Predict("Chief Happiness Officer")["Function"];
        Assert.Equal("Human Resources", prediction.Label);
        Assert.True(prediction.FromCorrection);
    }

    private static float Probability(AxisPrediction prediction, string category) =>
        prediction.Top.FirstOrDefault(t => t.Category == category)?.Probability ?? 0f;

    private sealed class Callback(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
