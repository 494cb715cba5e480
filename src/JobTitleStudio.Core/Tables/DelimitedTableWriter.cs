using System.Buffers;
using System.Text;

namespace JobTitleStudio.Core.Tables;

/// <summary>RFC 4180 output: CRLF line ends, a cell is quoted when it holds the delimiter, a quote or a line break, and quotes are doubled.</summary>
internal sealed class DelimitedTableWriter : ITableWriter
{
    private readonly StreamWriter _writer;
    private readonly bool _neutralise;
    private readonly char _delimiter;
    private readonly SearchValues<char> _needsQuotes;

    public DelimitedTableWriter(Stream stream, TableWriteOptions options, char delimiter, bool leaveOpen)
    {
        _writer = new StreamWriter(stream, new UTF8Encoding(options.Utf8Bom), 64 * 1024, leaveOpen) { NewLine = "\r\n" };
        _neutralise = options.NeutraliseFormulas;
        _delimiter = delimiter;
        _needsQuotes = SearchValues.Create([delimiter, '"', '\r', '\n']);
    }

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(_delimiter);
            }
            var value = cells[i] ?? string.Empty;
            if (_neutralise)
            {
                value = FormulaGuard.Neutralise(value);
            }
            if (value.AsSpan().IndexOfAny(_needsQuotes) < 0)
            {
                _writer.Write(value);
                continue;
            }
            _writer.Write('"');
            _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            _writer.Write('"');
        }
        _writer.WriteLine();
    }

    public void Dispose() => _writer.Dispose();
}
