namespace JobTitleStudio.Core.Features;

/// <summary>
/// A sparse vector of hashed features: ids ascending and distinct, one weight per id.
/// Names are kept only when a caller asked for them (explanations), because building
/// strings for every feature would dominate the cost of a prediction.
/// </summary>
public sealed class FeatureVector
{
    private readonly int[] _ids;
    private readonly float[] _values;
    private readonly string[]? _names;

    public FeatureVector(int[] ids, float[] values, string[]? names = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(values);
        if (ids.Length != values.Length)
        {
            throw new ArgumentException($"Got {ids.Length} ids but {values.Length} values; pass one value per id.", nameof(values));
        }
        if (names is not null && names.Length != ids.Length)
        {
            throw new ArgumentException($"Got {ids.Length} ids but {names.Length} names; pass one name per id or none.", nameof(names));
        }
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] <= ids[i - 1])
            {
                throw new ArgumentException("Feature ids must be ascending and distinct; merge duplicates before building the vector.", nameof(ids));
            }
        }
        _ids = ids;
        _values = values;
        _names = names;
    }

    /// <summary>Skips the checks, for <see cref="TitleFeaturizer"/>, whose vectors are ascending and distinct by construction.</summary>
    internal static FeatureVector Trusted(int[] ids, float[] values, string[]? names) => new(ids, values, names, trusted: true);

    private FeatureVector(int[] ids, float[] values, string[]? names, bool trusted)
    {
        _ids = ids;
        _values = values;
        _names = names;
    }

    public static FeatureVector Empty { get; } = new([], []);

    public int Count => _ids.Length;

    public ReadOnlySpan<int> Ids => _ids;

    public ReadOnlySpan<float> Values => _values;

    public bool HasNames => _names is not null;

    /// <summary>The readable name of the feature at position <paramref name="index"/>, or null when names were not kept.</summary>
    public string? NameAt(int index) => _names?[index];
}
