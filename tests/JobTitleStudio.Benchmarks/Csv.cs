using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Benchmarks;

/// <summary>Reads the title,code CSV that onet_split.py writes.</summary>
internal static class Csv
{
    /// <summary>The distinct titles of a CSV's first column, in first-seen order: what the speed verbs predict.</summary>
    public static string[] DistinctTitles(string path) => Distinct(ReadPairs(path));

    /// <summary>The distinct titles of <paramref name="pairs"/>, in first-seen order.</summary>
    public static string[] Distinct(IEnumerable<(string Title, string Code)> pairs) => [.. pairs.Select(r => r.Title).Distinct(StringComparer.Ordinal)];

    public static List<(string Title, string Code)> ReadPairs(string path)
    {
        using var reader = TableReader.OpenFile(path, new TableReadOptions { Delimiter = ',', HasHeader = true });
        return [.. reader.ReadRows().Select(r => (r[0], r[1]))];
    }
}
