using JobTitleStudio.Core.Evaluation;

namespace JobTitleStudio.Core.Tests.Evaluation;

public sealed class MetricsTests
{
    // Truth / ranked / confidence, worked by hand below.
    private static readonly EvaluationItem[] Items =
    [
        new(0, [0, 1, 2], 0.9),
        new(0, [1, 0, 2], 0.6),
        new(1, [1, 2, 0], 0.8),
        new(2, [1, 0, 3, 4, 2], 0.55),
    ];

    [Fact]
    public void Top_k_counts_truth_within_the_first_k()
    {
        Assert.Equal(0.5, Metrics.TopK(Items, 1));
        Assert.Equal(0.75, Metrics.TopK(Items, 2));
        Assert.Equal(0.75, Metrics.TopK(Items, 3));
        Assert.Equal(1.0, Metrics.TopK(Items, 5));
    }

    [Fact]
    public void Per_category_precision_recall_f1_and_support_match_hand_counts()
    {
        var perCategory = Metrics.PerCategory(Items).ToDictionary(c => c.Category);

        // Category 0: support 2, predicted once, right once -> P 1, R 0.5, F1 2/3.
        Assert.Equal((1.0, 0.5, 2, 1), (perCategory[0].Precision, perCategory[0].Recall, perCategory[0].Support, perCategory[0].Predicted));
        Assert.Equal(2.0 / 3, perCategory[0].F1, 10);
        // Category 1: support 1, predicted 3 times, right once -> P 1/3, R 1, F1 0.5.
        Assert.Equal(0.5, perCategory[1].F1, 10);
        // Category 2: support 1, never predicted -> 0.
        Assert.Equal(0.0, perCategory[2].F1);
        Assert.Equal(3, perCategory.Count);
    }

    [Fact]
    public void Macro_f1_is_the_plain_mean_over_categories()
    {
        Assert.Equal((2.0 / 3 + 0.5 + 0) / 3, Metrics.Evaluate(Items).MacroF1, 10);
    }

    [Fact]
    public void Confusion_pairs_list_the_most_frequent_mistake_first()
    {
        var confusions = Metrics.Confusions([.. Items, new EvaluationItem(2, [1], 0.5)], 5);

        Assert.Equal(new ConfusionPair(2, 1, 2), confusions[0]);
        Assert.Equal(new ConfusionPair(0, 1, 1), confusions[1]);
        Assert.Equal(2, confusions.Count);
    }

    [Fact]
    public void Expected_calibration_error_weights_each_bin_gap_by_its_share()
    {
        // Ten bins, one item each: right at 0.9 and 0.8 (gaps 0.1, 0.2), wrong at 0.6 and 0.55 (gaps 0.6, 0.55).
        Assert.Equal((0.1 + 0.2 + 0.6 + 0.55) / 4, Metrics.ExpectedCalibrationError(Items), 10);

        // Two bins put all four in [0.5, 1): accuracy 0.5 against mean confidence 0.7125.
        Assert.Equal(0.2125, Metrics.ExpectedCalibrationError(Items, bins: 2), 10);
    }

    [Fact]
    public void A_perfectly_calibrated_set_has_zero_calibration_error()
    {
        EvaluationItem[] items = [new(0, [0], 0.5), new(0, [1], 0.5)];

        Assert.Equal(0, Metrics.ExpectedCalibrationError(items), 10);
    }

    [Fact]
    public void Prequential_accuracy_predicts_before_learning_each_item()
    {
        var known = new HashSet<string>();
        var accuracy = Metrics.Prequential(["a", "b", "a", "a", "c"], item => known.Contains(item), item => known.Add(item));

        Assert.Equal(2.0 / 5, accuracy);
    }

    [Fact]
    public void Empty_input_gives_zero_not_a_division_error()
    {
        var report = Metrics.Evaluate([]);

        Assert.Equal((0, 0.0, 0.0, 0.0), (report.Count, report.Accuracy, report.MacroF1, report.ExpectedCalibrationError));
    }
}
