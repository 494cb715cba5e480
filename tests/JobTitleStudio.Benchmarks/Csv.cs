using System.Text;

namespace JobTitleStudio.Benchmarks;

/// <summary>Reads the title,code CSV that onet_split.py writes (RFC 4180 quoting, header row).</summary>
internal static class Csv
{
    public static List<(string Title, string Code)> ReadPairs(string path)
    {
        var rows = new List<(string, string)>();
        var text = File.ReadAllText(path, Encoding.UTF8);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var header = true;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
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
                    if (!header && fields.Count >= 2)
                    {
                        rows.Add((fields[0], fields[1]));
                    }
                    header = false;
                    fields.Clear();
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        return rows;
    }
}
