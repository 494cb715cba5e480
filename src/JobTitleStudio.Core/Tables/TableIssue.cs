using System.Globalization;

namespace JobTitleStudio.Core.Tables;

/// <summary>The kinds of problem a row can have that do not stop the reading.</summary>
public enum TableIssueKind
{
    /// <summary>The row has fewer cells than the header; the missing ones read as empty.</summary>
    MissingCells,
    /// <summary>The row has more cells than the header; the extra ones are kept without a column name.</summary>
    ExtraCells,
    /// <summary>A cell was longer than <see cref="TableReadOptions.MaxCellLength"/> and was cut.</summary>
    CellTooLong,
    /// <summary>Text followed a closing quote inside a cell; it was kept as part of the cell.</summary>
    TextAfterQuote,
}

/// <summary>A problem found in one row, named by row, line and column so a user can find it in the file.</summary>
/// <param name="RowNumber">1-based row number as a spreadsheet shows it (the header row is row 1).</param>
/// <param name="LineNumber">1-based line of the file where the row starts; differs from the row number after quoted line breaks or blank lines.</param>
/// <param name="ColumnNumber">1-based column, or null when the issue is about the whole row.</param>
/// <param name="ColumnName">The column's name, or null when the issue is about the whole row or the column has no name.</param>
public sealed record TableIssue(TableIssueKind Kind, long RowNumber, long LineNumber, int? ColumnNumber, string? ColumnName, string Message)
{
    internal static string Where(long row, long line, int? column, string? columnName)
    {
        var where = row == line
            ? string.Create(CultureInfo.InvariantCulture, $"Row {row}")
            : string.Create(CultureInfo.InvariantCulture, $"Row {row} (line {line})");
        if (column is null)
        {
            return where;
        }
        return columnName is null
            ? string.Create(CultureInfo.InvariantCulture, $"{where}, column {column}")
            : string.Create(CultureInfo.InvariantCulture, $"{where}, column {column} \"{columnName}\"");
    }
}
