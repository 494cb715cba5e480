namespace JobTitleStudio.Core.Tables;

/// <summary>
/// Picks the delimiter that splits the first records most consistently into two or more cells,
/// splitting them with the real parser so that delimiters inside quotes do not count.
/// </summary>
internal static class DelimiterSniffer
{
    private static readonly char[] Candidates = [',', '\t', ';', '|'];
    private const int RecordsToInspect = 50;

    /// <param name="sample">The decoded start of the file.</param>
    /// <param name="complete">True when the sample is the whole file, so its last record is not cut.</param>
    /// <returns>The delimiter, or null when no candidate splits the records: a one-column file.</returns>
    public static char? Detect(string sample, bool complete)
    {
        char? best = null;
        double bestShare = 0;
        var bestWidth = 0;
        foreach (var candidate in Candidates)
        {
            var widths = Widths(sample, candidate, complete);
            if (widths.Count == 0)
            {
                continue;
            }
            var (width, count) = widths.GroupBy(w => w).Select(g => (g.Key, g.Count())).MaxBy(g => (g.Item2, g.Key));
            var share = (double)count / widths.Count;
            if (width >= 2 && share >= 0.5 && (share > bestShare || (share == bestShare && width > bestWidth)))
            {
                (best, bestShare, bestWidth) = (candidate, share, width);
            }
        }
        return best;
    }

    private static List<int> Widths(string sample, char delimiter, bool complete)
    {
        var widths = new List<int>();
        using var source = new DelimitedRecordSource(new StringReader(sample), delimiter, TableReadOptions.DefaultMaxCellLength);
        try
        {
            while (widths.Count < RecordsToInspect && source.Next() is { } record)
            {
                widths.Add(record.Cells.Length);
            }
        }
        catch (TableFormatException)
        {
            // A quote left open by the cut at the sample's end; the records before it still count.
            // A quote really left open is reported by the reader itself, at the row where it opened.
        }
        if (!complete && widths.Count > 1)
        {
            widths.RemoveAt(widths.Count - 1);
        }
        return widths;
    }
}
