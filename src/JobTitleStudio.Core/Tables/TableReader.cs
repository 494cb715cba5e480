using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace JobTitleStudio.Core.Tables;

/// <summary>
/// Reads CSV, TSV, TXT and XLSX files row by row with detected encoding, delimiter and header.
/// Opening reads only the first 64 KB and the first records; rows are then streamed, so files of
/// any size cost bounded memory. Problems in a row are reported on the row and never drop it;
/// problems that stop the reading throw <see cref="TableFormatException"/> after every good row before them.
/// </summary>
public sealed class TableReader : IDisposable
{
    private const int RecordsForDetection = 20;
    private const int AsyncBatchSize = 1024;

    private readonly IRecordSource _source;
    private readonly Queue<RawRecord> _buffered;
    private readonly TableFormatException? _deferredError;
    private readonly int _columnCount;
    private readonly int _maxCellLength;
    private readonly Stream? _ownedStream;
    private bool _started;

    private TableReader(IRecordSource source, TableSettings settings, int maxCellLength, bool? hasHeader, Stream? ownedStream)
    {
        _source = source;
        _maxCellLength = maxCellLength;
        _ownedStream = ownedStream;
        _buffered = new Queue<RawRecord>();
        try
        {
            while (_buffered.Count < RecordsForDetection && source.Next() is { } record)
            {
                _buffered.Enqueue(record);
            }
        }
        catch (TableFormatException e)
        {
            _deferredError = e;
        }
        if (_buffered.Count == 0)
        {
            source.Dispose();
            ownedStream?.Dispose();
            throw _deferredError ?? new TableFormatException("The file is empty: there are no rows to read.");
        }
        var records = _buffered.ToArray();
        var header = hasHeader ?? HeaderDetector.LooksLikeHeader(records[0].Cells, [.. records.Skip(1).Select(r => r.Cells)]);
        if (header)
        {
            Headers = NameColumns(_buffered.Dequeue().Cells);
        }
        else
        {
            var width = records.Max(r => r.Cells.Length);
            Headers = [.. Enumerable.Range(1, width).Select(i => string.Create(CultureInfo.InvariantCulture, $"Column{i}"))];
        }
        _columnCount = Headers.Count;
        Settings = settings with { HasHeader = header };
    }

    /// <summary>What was detected or forced: format, encoding, delimiter, header, sheet.</summary>
    public TableSettings Settings { get; }

    /// <summary>Column names: from the header row, or Column1..ColumnN when there is none. Empty names become ColumnN, repeated names get " (N)".</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Opens a file by path; the file is read in a streaming fashion and closed with the reader.</summary>
    public static TableReader OpenFile(string path, TableReadOptions? options = null) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024), options, leaveOpen: false);

    /// <summary>Sniffs and opens a stream. Non-seekable streams work for text; a workbook in a non-seekable stream is first copied to a temporary file.</summary>
    /// <exception cref="TableFormatException">The file is empty, binary or not a readable workbook.</exception>
    public static TableReader Open(Stream stream, TableReadOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new TableReadOptions();
        if (options.MaxCellLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxCellLength must be at least 1.");
        }
        var sample = new byte[EncodingSniffer.SampleSize];
        var sampleLength = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        if (sampleLength == 0)
        {
            if (!leaveOpen) stream.Dispose();
            throw new TableFormatException("The file is empty: there are no rows to read.");
        }
        var wholeFile = sampleLength < sample.Length;
        var head = sample.AsSpan(0, sampleLength);
        try
        {
            if (options.Format == TableFileFormat.Xlsx || (options.Format is null && EncodingSniffer.Kind(head) == ContentKind.Workbook))
            {
                return OpenWorkbook(stream, sample, sampleLength, options, leaveOpen);
            }
            var (encoding, bomLength) = options.Encoding is { } forced ? (forced, BomLength(head, forced)) : EncodingSniffer.Detect(head, wholeFile);
            char? delimiter = options.Format switch
            {
                TableFileFormat.Txt => null,
                _ when options.Delimiter is { } forcedDelimiter => forcedDelimiter,
                TableFileFormat.Tsv => '\t',
                _ => DelimiterSniffer.Detect(Decode(encoding, head[bomLength..], wholeFile), wholeFile)
                    ?? (options.Format == TableFileFormat.Csv ? ',' : null),
            };
            var format = delimiter switch
            {
                null => TableFileFormat.Txt,
                '\t' => TableFileFormat.Tsv,
                _ => TableFileFormat.Csv,
            };
            var text = new StreamReader(new PrefixedStream(sample, bomLength, sampleLength - bomLength, stream, leaveOpen), encoding, detectEncodingFromByteOrderMarks: false, 64 * 1024);
            var source = new DelimitedRecordSource(text, delimiter, options.MaxCellLength);
            return new TableReader(source, new TableSettings(format, encoding, delimiter, false, null), options.MaxCellLength, options.HasHeader, null);
        }
        catch when (!leaveOpen)
        {
            stream.Dispose();
            throw;
        }
    }

    private static TableReader OpenWorkbook(Stream stream, byte[] sample, int sampleLength, TableReadOptions options, bool leaveOpen)
    {
        Stream seekable;
        Stream? owned = null;
        if (stream.CanSeek)
        {
            stream.Seek(-sampleLength, SeekOrigin.Current);
            seekable = stream;
            if (!leaveOpen) owned = stream;
        }
        else
        {
            // ExcelDataReader needs to seek inside the zip; an upload stream cannot, a temporary file can.
            var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            temp.Write(sample, 0, sampleLength);
            stream.CopyTo(temp);
            temp.Position = 0;
            if (!leaveOpen) stream.Dispose();
            seekable = owned = temp;
        }
        WorkbookRecordSource source;
        try
        {
            source = WorkbookRecordSource.Open(seekable, options.SheetName, options.MaxCellLength);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
        return new TableReader(source, new TableSettings(TableFileFormat.Xlsx, null, null, false, source.SheetName), options.MaxCellLength, options.HasHeader, owned);
    }

    private static int BomLength(ReadOnlySpan<byte> head, Encoding encoding)
    {
        var preamble = encoding.GetPreamble();
        return preamble.Length > 0 && head.StartsWith(preamble) ? preamble.Length : 0;
    }

    private static string Decode(Encoding encoding, ReadOnlySpan<byte> bytes, bool wholeFile)
    {
        var decoder = encoding.GetDecoder();
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        var count = decoder.GetChars(bytes, chars, flush: wholeFile);
        return new string(chars, 0, count);
    }

    /// <summary>0-based index of a column by name, ignoring case; -1 when absent.</summary>
    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (string.Equals(Headers[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The data rows, once: a reader is a single forward pass over its stream.</summary>
    /// <exception cref="TableFormatException">Reading cannot go on (an unclosed quote, a damaged workbook); every row before it has been yielded.</exception>
    public IEnumerable<TableRow> ReadRows()
    {
        if (_started)
        {
            throw new InvalidOperationException("The rows of a TableReader can be read only once; open the file again to read it again.");
        }
        _started = true;
        return Rows();
    }

    private IEnumerable<TableRow> Rows()
    {
        while (_buffered.TryDequeue(out var record))
        {
            yield return ToRow(record);
        }
        if (_deferredError is not null)
        {
            throw _deferredError;
        }
        while (_source.Next() is { } next)
        {
            yield return ToRow(next);
        }
    }

    /// <summary>
    /// The data rows for async callers: batches are read on the thread pool so a request thread never
    /// blocks on the file. An error that stops the reading is thrown after the rows before it.
    /// </summary>
    public async IAsyncEnumerable<TableRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var rows = ReadRows().GetEnumerator();
        var batch = new List<TableRow>(AsyncBatchSize);
        Exception? error = null;
        var more = true;
        while (more && error is null)
        {
            batch.Clear();
            (more, error) = await Task.Run(() =>
            {
                try
                {
                    while (batch.Count < AsyncBatchSize)
                    {
                        if (!rows.MoveNext())
                        {
                            return (false, (Exception?)null);
                        }
                        batch.Add(rows.Current);
                    }
                    return (true, null);
                }
                catch (TableFormatException e)
                {
                    return (false, e);
                }
            }, cancellationToken).ConfigureAwait(false);
            foreach (var row in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return row;
            }
        }
        if (error is not null)
        {
            throw error;
        }
    }

    private TableRow ToRow(RawRecord record)
    {
        var cells = record.Cells;
        List<TableIssue>? issues = null;
        if (record.Problems is { } problems)
        {
            issues = [.. problems.Select(p => Describe(p, record))];
        }
        if (cells.Length < _columnCount)
        {
            if (_source.ReportsMissingCells)
            {
                var missing = string.Join(", ", Headers.Skip(cells.Length).Select(h => $"\"{h}\""));
                (issues ??= []).Add(new TableIssue(TableIssueKind.MissingCells, record.RecordNumber, record.LineNumber, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"{TableIssue.Where(record.RecordNumber, record.LineNumber, null, null)} has {Cells(cells.Length)} but the header has {_columnCount}; the missing cells ({missing}) were read as empty.")));
            }
            Array.Resize(ref cells, _columnCount);
            Array.Fill(cells, string.Empty, record.Cells.Length, _columnCount - record.Cells.Length);
        }
        else if (cells.Length > _columnCount)
        {
            (issues ??= []).Add(new TableIssue(TableIssueKind.ExtraCells, record.RecordNumber, record.LineNumber, null, null, string.Create(CultureInfo.InvariantCulture,
                $"{TableIssue.Where(record.RecordNumber, record.LineNumber, null, null)} has {cells.Length} cells but the header has {_columnCount}; the extra cells (columns {_columnCount + 1} to {cells.Length}) were kept without a column name.")));
        }
        return new TableRow(record.RecordNumber, record.LineNumber, cells, issues);
    }

    private static string Cells(int count) => count == 1 ? "1 cell" : string.Create(CultureInfo.InvariantCulture, $"{count} cells");

    private TableIssue Describe(CellProblem problem, RawRecord record)
    {
        var name = problem.ColumnNumber <= Headers.Count ? Headers[problem.ColumnNumber - 1] : null;
        var where = TableIssue.Where(record.RecordNumber, record.LineNumber, problem.ColumnNumber, name);
        var message = problem.Kind switch
        {
            TableIssueKind.CellTooLong => string.Create(CultureInfo.InvariantCulture,
                $"{where}: the cell has {problem.Length:N0} characters, more than the limit of {_maxCellLength:N0}; only its first {_maxCellLength:N0} characters were kept."),
            _ => $"{where}: text follows the closing quote of the cell; it was kept as part of the cell. Double the quote (\"\") if it belongs to the text.",
        };
        return new TableIssue(problem.Kind, record.RecordNumber, record.LineNumber, problem.ColumnNumber, name, message);
    }

    private static string[] NameColumns(string[] cells)
    {
        var names = new string[cells.Length];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < cells.Length; i++)
        {
            var name = cells[i].Trim();
            if (name.Length == 0)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"Column{i + 1}");
            }
            if (!seen.Add(name))
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{name} ({i + 1})");
                seen.Add(name);
            }
            names[i] = name;
        }
        return names;
    }

    public void Dispose()
    {
        _source.Dispose();
        _ownedStream?.Dispose();
    }
}
