namespace JobTitleStudio.Core.Quality;

/// <summary>One labelled record as the inconsistency report sees it: a raw title and one label per axis, in axis order.</summary>
public sealed record LabelledTitle(string Title, IReadOnlyList<string> Labels);

/// <summary>
/// One (title, label combination) row: how often the combination occurs for that normalised title,
/// against the title's total and the spread of all its combinations.
/// </summary>
public sealed record InconsistencyRow(
    string Title,
    string NormalizedTitle,
    IReadOnlyList<string> Labels,
    int RecordCount,
    int TotalCount,
    int Combinations,
    int Rank,
    double Variance);

/// <summary>
/// Finds titles that carry more than one label combination. Records are grouped by normalised title
/// (the key function is the caller's, so the report uses exactly the normalisation the model uses).
/// </summary>
public static class InconsistencyReport
{
    public static IReadOnlyList<InconsistencyRow> Build(IEnumerable<LabelledTitle> records, Func<string, string> normalize)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(normalize);

        var groups = new Dictionary<string, TitleGroup>(StringComparer.Ordinal);
        var order = 0;
        int? axisCount = null;
        foreach (var record in records)
        {
            axisCount ??= record.Labels.Count;
            if (record.Labels.Count != axisCount)
            {
                throw new ArgumentException(
                    $"Every record needs the same number of labels; \"{record.Title}\" has {record.Labels.Count}, the first record had {axisCount}.",
                    nameof(records));
            }
            var key = normalize(record.Title);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new TitleGroup(order++);
                groups.Add(key, group);
            }
            group.Add(record);
        }

        var rows = new List<InconsistencyRow>();
        foreach (var (key, group) in groups.OrderByDescending(g => g.Value.Total).ThenBy(g => g.Value.FirstSeen))
        {
            if (group.Combinations.Count < 2)
            {
                continue;
            }
            var ranked = group.Combinations.Values.OrderByDescending(c => c.Count).ThenBy(c => c.FirstSeen).ToList();
            var variance = SampleVariance(ranked.Select(c => c.Count).ToList());
            var title = group.MostFrequentSpelling();
            for (var i = 0; i < ranked.Count; i++)
            {
                rows.Add(new InconsistencyRow(title, key, ranked[i].Labels, ranked[i].Count, group.Total, ranked.Count, i + 1, variance));
            }
        }
        return rows;
    }

    /// <summary>
    /// Sample variance (n - 1 in the denominator) of whole counts; 0 for fewer than two. Computed from exact
    /// integer sums with one final division, so the printed value is the correctly rounded one.
    /// </summary>
    public static double SampleVariance(IReadOnlyList<int> counts)
    {
        if (counts.Count < 2)
        {
            return 0;
        }
        long n = counts.Count, sum = 0, sumOfSquares = 0;
        foreach (var c in counts)
        {
            sum += c;
            sumOfSquares += (long)c * c;
        }
        return (double)((n * sumOfSquares) - (sum * sum)) / (n * (n - 1));
    }

    private sealed class TitleGroup(int firstSeen)
    {
        private readonly Dictionary<string, (int Count, int FirstSeen)> _spellings = new(StringComparer.Ordinal);

        public int FirstSeen { get; } = firstSeen;

        public int Total { get; private set; }

        public Dictionary<string, Combination> Combinations { get; } = new(StringComparer.Ordinal);

        public void Add(LabelledTitle record)
        {
            Total++;
            _spellings[record.Title] = _spellings.TryGetValue(record.Title, out var s) ? (s.Count + 1, s.FirstSeen) : (1, _spellings.Count);
            // U+001F cannot occur in a label read from a text file, so joining on it keeps combinations distinct.
            var comboKey = string.Join('\u001F', record.Labels);
            if (!Combinations.TryGetValue(comboKey, out var combination))
            {
                combination = new Combination(record.Labels.ToArray(), Combinations.Count);
                Combinations.Add(comboKey, combination);
            }
            combination.Count++;
        }

        public string MostFrequentSpelling() =>
            _spellings.OrderByDescending(s => s.Value.Count).ThenBy(s => s.Value.FirstSeen).First().Key;
    }

    private sealed class Combination(string[] labels, int firstSeen)
    {
        public string[] Labels { get; } = labels;

        public int FirstSeen { get; } = firstSeen;

        public int Count { get; set; }
    }
}
