namespace JobTitleStudio.Core.Quality;

/// <summary>One category of an axis and how many records carry it.</summary>
public sealed record CategoryCoverage(string Category, int Records, bool Rare)
{
    public bool Empty => Records == 0;
}

/// <summary>An axis's categories by size (largest first), and how many records have no label on it.</summary>
public sealed record AxisCoverage(string Axis, IReadOnlyList<CategoryCoverage> Categories, int RecordsMissingLabel)
{
    public int RareCategories => Categories.Count(c => c.Rare);

    public int EmptyCategories => Categories.Count(c => c.Empty);
}

/// <summary>
/// Coverage of a taxonomy by the labelled records: per axis the records per category, the rare ones (fewer than a
/// threshold, yet some), the empty ones (in the taxonomy, on no record), and the records without a label on it.
/// </summary>
public static class CoverageReport
{
    public const int DefaultRareBelow = 5;

    /// <param name="axes">Each axis with its categories in the taxonomy; labels outside them are counted as categories too.</param>
    /// <param name="labels">Each record's label per axis, in axis order ("" where it has none).</param>
    public static IReadOnlyList<AxisCoverage> Build(IReadOnlyList<(string Axis, IReadOnlyList<string> Categories)> axes, IEnumerable<IReadOnlyList<string>> labels, int rareBelow = DefaultRareBelow)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(rareBelow, 1);
        var counts = axes.Select(a => a.Categories.Distinct(StringComparer.Ordinal).ToDictionary(c => c, _ => 0, StringComparer.Ordinal)).ToList();
        var missing = new int[axes.Count];
        foreach (var record in labels)
        {
            if (record.Count != axes.Count)
            {
                throw new ArgumentException($"Every record needs one label cell per axis ({axes.Count}); one has {record.Count}.", nameof(labels));
            }
            for (var a = 0; a < axes.Count; a++)
            {
                if (record[a].Length == 0)
                {
                    missing[a]++;
                }
                else
                {
                    counts[a][record[a]] = counts[a].GetValueOrDefault(record[a]) + 1;
                }
            }
        }
        return [.. axes.Select((axis, a) => new AxisCoverage(
            axis.Axis,
            [.. counts[a].OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new CategoryCoverage(c.Key, c.Value, c.Value > 0 && c.Value < rareBelow))],
            missing[a]))];
    }
}
