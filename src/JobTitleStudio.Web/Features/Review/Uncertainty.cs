using JobTitleStudio.Core.Defaults;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Web.Features.Review;

/// <summary>How much a prediction deserves a human look: the review queue's order, highest first.</summary>
public static class Uncertainty
{
    /// <summary>Disagreeing with a keyword rule counts as much as a coin-flip winner: one of the two is wrong.</summary>
    public const double RuleDisagreement = 0.5;

    /// <summary>
    /// (1 − winner's probability) + (1 − margin over the runner-up) + <see cref="RuleDisagreement"/> when the axis's
    /// keyword rules answer something else. 0 is a certain, undisputed answer; 2.5 the least certain.
    /// </summary>
    public static double Score(float probability, float margin, bool ruleDisagrees) =>
        (1 - probability) + (1 - margin) + (ruleDisagrees ? RuleDisagreement : 0);

    public static float Margin(AxisPrediction prediction) =>
        prediction.Top.Count switch
        {
            0 => 0,
            1 => prediction.Top[0].Probability,
            _ => prediction.Top[0].Probability - prediction.Top[1].Probability,
        };
}

/// <summary>
/// Keyword rules to check predictions against, per axis. Only the shipped Level rules exist today; axes without
/// rules (or whose categories the rules do not use) are not checked.
/// </summary>
public sealed class ReviewRules(ILogger<ReviewRules> logger)
{
    private readonly Lazy<AxisRules?> _level = new(() => LoadLevelRules(logger));

    /// <summary>The rules' category for the title when it is a category of the axis and differs from <paramref name="label"/>; else null.</summary>
    public string? Disagreement(MappedClassifier model, string axis, string title, string label)
    {
        if (axis != DefaultLevels.Axis || _level.Value is not { } rules)
        {
            return null;
        }
        var ruled = rules.Classify(title);
        var definition = model.Axes.First(a => a.Name == axis);
        return ruled is not null && ruled != label && definition.TryIndexOf(ruled, out _) ? ruled : null;
    }

    private static AxisRules? LoadLevelRules(ILogger logger)
    {
        try
        {
            return DefaultLevels.LoadRules();
        }
        catch (Exception exception) when (exception is FormatException or IOException)
        {
            logger.LogWarning("The review queue runs without level rules: {Reason}", exception.Message);
            return null;
        }
    }
}
