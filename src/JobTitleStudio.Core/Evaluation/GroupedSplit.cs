namespace JobTitleStudio.Core.Evaluation;

/// <summary>
/// Train/test split grouped by normalised title: every row of one normalised title lands on the same side,
/// otherwise the test set would be full of exact duplicates of training rows and flatter every model.
/// </summary>
public static class GroupedSplit
{
    public static (List<T> Train, List<T> Test) Split<T>(IEnumerable<T> rows, Func<T, string> normalizedTitle, double testFraction, int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(normalizedTitle);
        if (!(testFraction >= 0 && testFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"Test fraction is {testFraction}; use a share between 0 and 1.");
        }
        var train = new List<T>();
        var test = new List<T>();
        foreach (var row in rows)
        {
            (IsTest(normalizedTitle(row), testFraction, seed) ? test : train).Add(row);
        }
        return (train, test);
    }

    public static bool IsTest(string normalizedTitle, double testFraction, int seed = 17) =>
        StableHash(normalizedTitle, seed) % 10000 < testFraction * 10000;

    /// <summary>FNV-1a of seed and key: stable across processes and machines, unlike string.GetHashCode.</summary>
    public static uint StableHash(string normalizedTitle, int seed = 17)
    {
        var hash = 2166136261u;
        foreach (var b in BitConverter.GetBytes(seed))
        {
            hash = (hash ^ b) * 16777619u;
        }
        foreach (var ch in normalizedTitle)
        {
            hash = (hash ^ ch) * 16777619u;
        }
        return hash;
    }
}
