using System.Globalization;
using ExcelDataReader;

namespace JobTitleStudio.Core.Tables;

/// <summary>Streams the rows of one worksheet through ExcelDataReader, which reads the sheet XML forward only.</summary>
internal sealed class WorkbookRecordSource : IRecordSource
{
    private readonly IExcelDataReader _reader;
    private readonly int _maxCellLength;
    private long _row;

    private WorkbookRecordSource(IExcelDataReader reader, int maxCellLength)
    {
        _reader = reader;
        _maxCellLength = maxCellLength;
        SheetName = reader.Name;
    }

    public string SheetName { get; }

    public bool ReportsMissingCells => false;

    /// <exception cref="TableFormatException">The bytes are not a readable workbook or the sheet does not exist.</exception>
    public static WorkbookRecordSource Open(Stream stream, string? sheetName, int maxCellLength)
    {
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = EncodingSniffer.Windows1252, LeaveOpen = true });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TableFormatException($"The file could not be read as an Excel workbook: {e.Message}", innerException: e);
        }
        if (sheetName is not null)
        {
            var seen = new List<string>();
            while (!string.Equals(reader.Name, sheetName, StringComparison.OrdinalIgnoreCase))
            {
                seen.Add(reader.Name);
                if (!reader.NextResult())
                {
                    reader.Dispose();
                    throw new TableFormatException($"The workbook has no worksheet named \"{sheetName}\"; it has: {string.Join(", ", seen)}.");
                }
            }
        }
        return new WorkbookRecordSource(reader, maxCellLength);
    }

    public RawRecord? Next()
    {
        while (Read())
        {
            _row++;
            var width = _reader.FieldCount;
            while (width > 0 && IsEmpty(_reader.GetValue(width - 1)))
            {
                width--;
            }
            if (width == 0)
            {
                continue;
            }
            var cells = new string[width];
            List<CellProblem>? problems = null;
            for (var i = 0; i < width; i++)
            {
                var text = Format(_reader.GetValue(i));
                if (text.Length > _maxCellLength)
                {
                    (problems ??= []).Add(new CellProblem(TableIssueKind.CellTooLong, i + 1, text.Length));
                    text = text[.._maxCellLength];
                }
                cells[i] = text;
            }
            return new RawRecord(_row, _row, cells, problems);
        }
        return null;
    }

    private bool Read()
    {
        try
        {
            return _reader.Read();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TableFormatException($"Row {_row + 1}: the workbook is damaged and could not be read further: {e.Message}", _row + 1, _row + 1, innerException: e);
        }
    }

    private static bool IsEmpty(object? value) => value is null || value is string { Length: 0 };

    /// <summary>Invariant, round-trippable text, so the same workbook gives the same cells on every machine.</summary>
    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime { TimeOfDay.Ticks: 0 } date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dateTime => dateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public void Dispose() => _reader.Dispose();
}
