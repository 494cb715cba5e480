using System.Globalization;

namespace JobTitleStudio.Core.Tables;

/// <summary>
/// Splits RFC 4180 text into records: quoted cells may hold delimiters, doubled quotes and line breaks;
/// a quote in the middle of an unquoted cell is an ordinary character. Blank lines are skipped.
/// </summary>
internal sealed class DelimitedRecordSource : IRecordSource
{
    private const int BufferSize = 64 * 1024;

    private readonly TextReader _reader;
    private readonly char? _delimiter;
    private readonly int _maxCellLength;
    private readonly char[] _buffer = new char[BufferSize];
    private int _position;
    private int _length;
    private long _line = 1;
    private long _records;
    private readonly List<string> _cells = [];
    private readonly CellBuilder _cell;

    /// <param name="delimiter">Null reads each line as a single cell.</param>
    public DelimitedRecordSource(TextReader reader, char? delimiter, int maxCellLength)
    {
        _reader = reader;
        _delimiter = delimiter;
        _maxCellLength = maxCellLength;
        _cell = new CellBuilder(maxCellLength);
    }

    public bool ReportsMissingCells => true;

    public RawRecord? Next()
    {
        if (!SkipBlankLines())
        {
            return null;
        }
        _records++;
        var startLine = _line;
        _cells.Clear();
        List<CellProblem>? problems = null;
        while (true)
        {
            _cell.Clear();
            var column = _cells.Count + 1;
            if (_buffer[_position] == '"')
            {
                _position++;
                if (ReadQuoted(column, startLine))
                {
                    (problems ??= []).Add(new CellProblem(TableIssueKind.TextAfterQuote, column, 0));
                }
            }
            else
            {
                ReadUnquoted();
            }
            if (_cell.TotalLength > _maxCellLength)
            {
                (problems ??= []).Add(new CellProblem(TableIssueKind.CellTooLong, column, _cell.TotalLength));
            }
            _cells.Add(_cell.ToString());
            if (!Fill())
            {
                break;
            }
            var c = _buffer[_position];
            if (c == _delimiter)
            {
                _position++;
                if (!Fill())
                {
                    _cells.Add(string.Empty);
                    break;
                }
                continue;
            }
            ConsumeLineBreak();
            break;
        }
        return new RawRecord(_records, startLine, [.. _cells], problems);
    }

    /// <summary>Reads an unquoted cell up to the delimiter, a line break or the end.</summary>
    private void ReadUnquoted()
    {
        while (Fill())
        {
            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = _delimiter is { } d ? span.IndexOfAny(d, '\r', '\n') : span.IndexOfAny('\r', '\n');
            if (stop >= 0)
            {
                _cell.Append(span[..stop]);
                _position += stop;
                return;
            }
            _cell.Append(span);
            _position = _length;
        }
    }

    /// <summary>Reads a quoted cell after its opening quote, then any stray text up to the delimiter.</summary>
    /// <returns>True when text followed the closing quote.</returns>
    private bool ReadQuoted(int column, long startLine)
    {
        var openedOnLine = _line;
        while (true)
        {
            if (!Fill())
            {
                throw new TableFormatException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{TableIssue.Where(_records, startLine, column, null)}: a quote opened on line {openedOnLine} is never closed before the end of the file. Close the quote or remove it; the rows before row {_records} were read."),
                    _records, openedOnLine, column);
            }
            var span = _buffer.AsSpan(_position, _length - _position);
            var quote = span.IndexOfAny('"', '\n');
            if (quote < 0)
            {
                _cell.Append(span);
                _position = _length;
                continue;
            }
            _cell.Append(span[..quote]);
            _position += quote + 1;
            if (span[quote] == '\n')
            {
                _cell.Append('\n');
                _line++;
                continue;
            }
            if (Fill() && _buffer[_position] == '"')
            {
                _cell.Append('"');
                _position++;
                continue;
            }
            break;
        }
        if (!Fill() || _buffer[_position] == _delimiter || _buffer[_position] is '\r' or '\n')
        {
            return false;
        }
        ReadUnquoted();
        return true;
    }

    private void ConsumeLineBreak()
    {
        if (_buffer[_position] == '\r')
        {
            _position++;
            if (Fill() && _buffer[_position] == '\n')
            {
                _position++;
            }
        }
        else
        {
            _position++;
        }
        _line++;
    }

    /// <returns>False at the end of the input.</returns>
    private bool SkipBlankLines()
    {
        while (Fill())
        {
            if (_buffer[_position] is not ('\r' or '\n'))
            {
                return true;
            }
            ConsumeLineBreak();
        }
        return false;
    }

    /// <returns>False at the end of the input; otherwise at least one character is buffered.</returns>
    private bool Fill()
    {
        if (_position < _length)
        {
            return true;
        }
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Builds one cell, keeping at most the limit but counting everything, so a runaway cell costs bounded memory.</summary>
    private sealed class CellBuilder(int limit)
    {
        private char[] _chars = new char[256];
        private int _kept;

        public int TotalLength { get; private set; }

        public void Clear()
        {
            _kept = 0;
            TotalLength = 0;
        }

        public void Append(char c) => Append(new ReadOnlySpan<char>(in c));

        public void Append(ReadOnlySpan<char> text)
        {
            TotalLength += text.Length;
            var take = Math.Min(text.Length, limit - _kept);
            if (take <= 0)
            {
                return;
            }
            if (_kept + take > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Min(limit, Math.Max(_chars.Length * 2, _kept + take)));
            }
            text[..take].CopyTo(_chars.AsSpan(_kept));
            _kept += take;
        }

        public override string ToString() => _kept == 0 ? string.Empty : new string(_chars, 0, _kept);
    }
}
