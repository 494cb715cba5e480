namespace JobTitleStudio.Core.Tables;

/// <summary>One data row. Cells are never null; a row shorter than the header is padded with empty cells.</summary>
public sealed class TableRow
{
    private static readonly IReadOnlyList<TableIssue> NoIssues = [];

    internal TableRow(long rowNumber, long lineNumber, string[] cells, IReadOnlyList<TableIssue>? issues)
    {
        RowNumber = rowNumber;
        LineNumber = lineNumber;
        Cells = cells;
        Issues = issues ?? NoIssues;
    }

    /// <summary>1-based row number as a spreadsheet shows it (the header row, when present, is row 1).</summary>
    public long RowNumber { get; }

    /// <summary>1-based line of the source file where the row starts (equals <see cref="RowNumber"/> for workbooks).</summary>
    public long LineNumber { get; }

    /// <summary>The cells; at least as many as the header has columns, more when the row had extra cells.</summary>
    public IReadOnlyList<string> Cells { get; }

    /// <summary>The problems found in this row; empty for a clean row.</summary>
    public IReadOnlyList<TableIssue> Issues { get; }

    /// <summary>The cell at a 0-based column index, or an empty string beyond the row's end.</summary>
    public string this[int index] => index >= 0 && index < Cells.Count ? Cells[index] : string.Empty;
}
