using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Learning;

/// <summary>What a prediction should include beyond label, probability and top-N.</summary>
public sealed record PredictionOptions
{
    public static PredictionOptions Default { get; } = new();

    /// <summary>Categories in the ranked list, best first.</summary>
    public int TopN { get; init; } = 5;

    /// <summary>Add the features that pushed the winner up or down (costs a featurisation with names).</summary>
    public bool Explain { get; init; }

    /// <summary>Nearest known titles to return per axis; 0 for none.</summary>
    public int NearestTitles { get; init; }

    /// <summary>Axes to predict, by name; null for all.</summary>
    public IReadOnlyList<string>? Axes { get; init; }

    /// <summary>
    /// Also return every category's probability (<see cref="AxisPrediction.Distribution"/>, in the order of the axis's
    /// categories): what a category map needs to add merged categories up, without ranking them all.
    /// </summary>
    public bool Distribution { get; init; }

    public void Validate()
    {
        if (TopN is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(TopN), $"TopN is {TopN}; use 1..1000 (default 5).");
        }
        if (NearestTitles is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(NearestTitles), $"NearestTitles is {NearestTitles}; use 0..100.");
        }
    }
}

public sealed record CategoryScore(string Category, float Probability);

/// <summary>A feature's push on the winner against the runner-up, in blended log-odds (negative pulls down).</summary>
public sealed record FeatureContribution(string Feature, float Weight);

/// <summary>A known title similar to the one predicted, with its labels on the axis.</summary>
public sealed record NearestTitle(string Normalized, float Similarity, IReadOnlyList<string> Labels);

/// <summary>
/// The answer on one axis. When the axis abstains, <see cref="Label"/> is its Other category while
/// <see cref="Top"/> keeps the real ranking and <see cref="Probability"/> is the real winner's probability.
/// On a multi-label axis <see cref="Labels"/> holds every category at or above the threshold.
/// </summary>
public sealed record AxisPrediction(
    string Axis,
    string Label,
    float Probability,
    bool Abstained,
    IReadOnlyList<string> Labels,
    IReadOnlyList<CategoryScore> Top,
    bool FromCorrection,
    IReadOnlyList<FeatureContribution>? Explanation = null,
    IReadOnlyList<NearestTitle>? Nearest = null,
    IReadOnlyList<float>? Distribution = null);

public sealed record TitlePrediction(string Title, NormalizedTitle Normalized, IReadOnlyList<AxisPrediction> Axes)
{
    public AxisPrediction this[string axis] =>
        Axes.FirstOrDefault(a => a.Axis == axis) ?? throw new KeyNotFoundException($"No prediction for axis \"{axis}\"; it is not in this model or was not requested.");
}

/// <summary>One row of a labelled table: the title and its labels per axis name (several on a multi-label axis).</summary>
public sealed record TrainingRow(string Title, IReadOnlyDictionary<string, string[]> Labels, float Weight = 1f)
{
    public static TrainingRow Of(string title, params (string Axis, string Label)[] labels) =>
        new(title, labels.ToDictionary(l => l.Axis, l => new[] { l.Label }, StringComparer.Ordinal));
}

public sealed record TrainingProgress(string Stage, double Fraction);
