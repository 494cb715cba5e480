using System.Text;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Text;

/// <summary>
/// Reads the shipped reference tables. Only used at load time, so clarity wins over speed.
/// </summary>
internal static class DelimitedText
{
    /// <summary>Rows of a tab-separated file with a header line; lines starting with '#' are comments.</summary>
    public static IEnumerable<Row> ReadTsv(string path)
    {
        string[]? header = null;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var fields = line.Split('\t');
            if (header is null)
            {
                header = fields;
                continue;
            }
            yield return new Row(header, fields);
        }
    }

    /// <summary>Rows of an RFC 4180 comma-separated file with a header line (quoted fields may hold newlines).</summary>
    public static IEnumerable<Row> ReadCsv(string path)
    {
        // Reference files hold long descriptions: no cell limit, unlike user uploads.
        using var reader = TableReader.OpenFile(path, new TableReadOptions { Delimiter = ',', HasHeader = true, MaxCellLength = int.MaxValue });
        var header = reader.Headers.ToArray();
        foreach (var row in reader.ReadRows())
        {
            yield return new Row(header, [.. row.Cells]);
        }
    }

    internal readonly struct Row(string[] header, string[] fields)
    {
        /// <summary>The named field, or "" when the row is shorter than the header.</summary>
        public string this[string column]
        {
            get
            {
                var index = Array.IndexOf(header, column);
                if (index < 0)
                {
                    throw new InvalidDataException($"Column '{column}' not found; the header has: {string.Join(", ", header)}.");
                }
                return index < fields.Length ? fields[index] : "";
            }
        }
    }
}
