namespace JobTitleStudio.Core.Tables;

/// <summary>
/// The file cannot be read further: empty, binary, an unclosed quote, a broken workbook.
/// Rows before the problem have already been yielded; the position says where reading stopped.
/// </summary>
public sealed class TableFormatException : Exception
{
    public TableFormatException(string message, long? rowNumber = null, long? lineNumber = null, int? columnNumber = null, Exception? innerException = null)
        : base(message, innerException)
    {
        RowNumber = rowNumber;
        LineNumber = lineNumber;
        ColumnNumber = columnNumber;
    }

    /// <summary>1-based row where the problem starts, when it is about a row.</summary>
    public long? RowNumber { get; }

    /// <summary>1-based line where the problem starts, when it is about a row.</summary>
    public long? LineNumber { get; }

    /// <summary>1-based column where the problem starts, when known.</summary>
    public int? ColumnNumber { get; }
}
