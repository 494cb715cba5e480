using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Benchmarks;

/// <summary>Reads the title,code CSV that onet_split.py writes.</summary>
internal static class Csv
{
    public static List<(string Title, string Code)> ReadPairs(string path)
    {
        using var reader = TableReader.OpenFile(path, new TableReadOptions { Delimiter = ',', HasHeader = true });
        return [.. reader.ReadRows().Select(r => (r[0], r[1]))];
    }
}
