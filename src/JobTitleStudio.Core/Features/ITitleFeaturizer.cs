namespace JobTitleStudio.Core.Features;

/// <summary>Turns a raw title into the sparse features every learner reads.</summary>
public interface ITitleFeaturizer
{
    /// <summary>Number of hash buckets: every id in a returned vector is in [0, Dimension).</summary>
    int Dimension { get; }

    /// <param name="title">The raw title as received; normalisation happens inside.</param>
    /// <param name="withNames">Keep readable feature names, for explanations only.</param>
    FeatureVector Featurize(string title, bool withNames = false);
}
