namespace JobTitleStudio.Core.Features;

/// <summary>
/// What <see cref="TitleFeaturizer"/> emits and how strongly. Each family's features are scaled by
/// weight / sqrt(count in the family), so a long word's many character n-grams do not drown its
/// one word feature; the whole vector is then scaled to unit length when <see cref="UnitLength"/>.
/// </summary>
public sealed record FeaturizerOptions
{
    /// <summary>Hash buckets; 2^20 keeps collisions rare for the ~60k distinct words and ~400k n-grams of the reference titles.</summary>
    public int BucketCount { get; init; } = 1 << 20;

    public bool Words { get; init; } = true;
    public bool Bigrams { get; init; } = true;
    public bool CharNGrams { get; init; } = true;
    public bool HeadAndModifiers { get; init; } = true;

    /// <summary>Shortest character n-gram, counting the &lt; and &gt; word boundary marks.</summary>
    public int MinCharN { get; init; } = 3;

    /// <summary>Longest character n-gram, counting the &lt; and &gt; word boundary marks.</summary>
    public int MaxCharN { get; init; } = 5;

    public float WordWeight { get; init; } = 1.0f;
    public float BigramWeight { get; init; } = 0.7f;
    public float CharNGramWeight { get; init; } = 0.7f;
    public float HeadWeight { get; init; } = 1.0f;

    /// <summary>Scale each vector to Euclidean length 1, so long and short titles weigh alike in dot products.</summary>
    public bool UnitLength { get; init; } = true;

    public static FeaturizerOptions Default { get; } = new();

    /// <summary>Every problem at once, each saying what to change; empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BucketCount < 1024 || BucketCount > (1 << 28))
        {
            problems.Add($"BucketCount is {BucketCount}; use between 1024 and 268435456 (2^28); 1048576 (2^20) is the default.");
        }
        if (!Words && !Bigrams && !CharNGrams && !HeadAndModifiers)
        {
            problems.Add("Every feature family is off; turn on at least one of Words, Bigrams, CharNGrams, HeadAndModifiers.");
        }
        if (CharNGrams && (MinCharN < 1 || MaxCharN > 10 || MinCharN > MaxCharN))
        {
            problems.Add($"Character n-gram range {MinCharN}..{MaxCharN} is invalid; use 1 <= MinCharN <= MaxCharN <= 10 (3..5 is fastText's).");
        }
        foreach (var (name, weight) in new[] { (nameof(WordWeight), WordWeight), (nameof(BigramWeight), BigramWeight), (nameof(CharNGramWeight), CharNGramWeight), (nameof(HeadWeight), HeadWeight) })
        {
            if (!float.IsFinite(weight) || weight <= 0)
            {
                problems.Add($"{name} is {weight}; use a positive finite number, or turn the family off instead.");
            }
        }
        return problems;
    }

    /// <exception cref="ArgumentException">Lists every problem and how to fix it.</exception>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid featurizer options: " + string.Join(" ", problems));
        }
    }
}
