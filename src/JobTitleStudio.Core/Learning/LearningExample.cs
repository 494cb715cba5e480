using JobTitleStudio.Core.Features;

namespace JobTitleStudio.Core.Learning;

/// <summary>What every learner sees of a title: its normalised form (the memory key) and its features.</summary>
public readonly record struct TitleInput(string Normalized, FeatureVector Features)
{
    /// <summary>The input of a title the featurizer has analysed.</summary>
    public static TitleInput Of(FeaturizedTitle analyzed) => new(analyzed.Title.Normalized, analyzed.Features);
}

/// <summary>
/// One labelled title for one axis. Multi-label axes pass several label indexes. A correction is an analyst's
/// answer: the exact-title memory lets it override whatever was imported for that title.
/// </summary>
public readonly record struct LearningExample(TitleInput Input, int[] Labels, float Weight = 1f, bool IsCorrection = false);

/// <summary>
/// A per-axis learner. <see cref="Learn(LearningExample)"/> is one exact incremental update that is visible to
/// the next <see cref="Predict"/>; <see cref="Learn(IReadOnlyList{LearningExample})"/> trains from scratch on a
/// whole table. Predict reads an immutable snapshot, so it never blocks on and never sees half of an update.
/// </summary>
public interface ICategoryLearner
{
    int CategoryCount { get; }

    void Learn(LearningExample example);

    void Learn(IReadOnlyList<LearningExample> examples);

    /// <summary>Writes one probability per category into <paramref name="probabilities"/>.</summary>
    void Predict(TitleInput input, Span<float> probabilities);
}
