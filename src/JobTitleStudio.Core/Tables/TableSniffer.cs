namespace JobTitleStudio.Core.Tables;

/// <summary>What a user sees before committing to a file: the detected settings, the columns, the first rows and the likely title column.</summary>
/// <param name="TitleColumn">0-based index of the column that most likely holds titles, or null when none looks like it.</param>
public sealed record TablePreview(TableSettings Settings, IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows, int? TitleColumn);

/// <summary>Previews files and guesses which column holds the job titles.</summary>
public static class TableSniffer
{
    /// <summary>Column names that say "job title", most telling first, in English, German, Spanish and French.</summary>
    private static readonly string[] TitleColumnNames =
    [
        "job title", "jobtitle", "title", "position title", "position", "job", "role", "designation", "occupation", "preferred label",
        "berufsbezeichnung", "stellenbezeichnung", "beruf", "puesto", "cargo", "titulo", "titre", "poste",
    ];

    private static readonly HashSet<string> NotTitleWords = new(StringComparer.Ordinal) { "id", "code", "count", "number", "date", "level", "category" };

    /// <summary>Reads the settings and the first <paramref name="rowCount"/> rows of a file.</summary>
    /// <exception cref="TableFormatException">The file is empty, binary or not a readable workbook.</exception>
    public static TablePreview Preview(Stream stream, int rowCount = 20, TableReadOptions? options = null, bool leaveOpen = false)
    {
        using var reader = TableReader.Open(stream, options, leaveOpen);
        var rows = new List<TableRow>(rowCount);
        try
        {
            foreach (var row in reader.ReadRows())
            {
                if (rows.Count == rowCount)
                {
                    break;
                }
                rows.Add(row);
            }
        }
        catch (TableFormatException) when (rows.Count > 0)
        {
            // The preview shows what could be read; the full read reports the error with its row.
        }
        return new TablePreview(reader.Settings, reader.Headers, rows, GuessTitleColumn(reader.Headers, rows));
    }

    /// <summary>
    /// The column that holds job titles: one whose name says so (job title, title, position, job, role,
    /// designation, Berufsbezeichnung, puesto ...), else the text column with the most title-like values
    /// in <paramref name="sampleRows"/> (a few words of mostly letters, no e-mail or link; distinct values count); null when none qualifies.
    /// </summary>
    public static int? GuessTitleColumn(IReadOnlyList<string> headers, IReadOnlyList<TableRow>? sampleRows = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var folded = headers.Select(HeaderDetector.Fold).ToArray();
        foreach (var name in TitleColumnNames)
        {
            var exact = Array.IndexOf(folded, name);
            if (exact >= 0)
            {
                return exact;
            }
        }
        foreach (var name in TitleColumnNames)
        {
            for (var i = 0; i < folded.Length; i++)
            {
                var words = folded[i].Split(' ');
                if (ContainsPhrase(words, name.Split(' ')) && !words.Any(NotTitleWords.Contains))
                {
                    return i;
                }
            }
        }
        if (sampleRows is null || sampleRows.Count == 0)
        {
            return null;
        }
        int? best = null;
        var bestScore = 0;
        for (var i = 0; i < headers.Count; i++)
        {
            // Distinct values, so that a column repeating one word ("Occupation" on every row) does not win.
            var score = sampleRows.Select(r => r[i]).Where(LooksLikeTitle).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }
        return best;
    }

    private static bool ContainsPhrase(string[] words, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Length; start++)
        {
            if (words.AsSpan(start, phrase.Length).SequenceEqual(phrase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool LooksLikeTitle(string value)
    {
        var text = value.Trim();
        if (text.Length is < 2 or > 120 || text.Contains('@', StringComparison.Ordinal) || text.Contains("://", StringComparison.Ordinal))
        {
            return false;
        }
        var letters = text.Count(char.IsLetter);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return letters >= text.Length * 0.6 && words <= 12;
    }
}
