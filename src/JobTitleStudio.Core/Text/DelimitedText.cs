using System.Text;

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
        using var reader = new StreamReader(path, Encoding.UTF8);
        string[]? header = null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append((char)c);
                }
                else if (reader.Peek() == '"')
                {
                    field.Append('"');
                    reader.Read();
                }
                else
                {
                    quoted = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (header is null)
                    {
                        header = [.. fields];
                    }
                    else
                    {
                        yield return new Row(header, [.. fields]);
                    }
                    fields.Clear();
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }
        if (header is not null && (field.Length > 0 || fields.Count > 0))
        {
            fields.Add(field.ToString());
            yield return new Row(header, [.. fields]);
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
