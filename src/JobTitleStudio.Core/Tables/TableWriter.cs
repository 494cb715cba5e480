namespace JobTitleStudio.Core.Tables;

/// <summary>Options for writing a table.</summary>
public sealed record TableWriteOptions
{
    /// <summary>Prefix risky cells with an apostrophe (see <see cref="FormulaGuard"/>). On by default; turn off only for files no spreadsheet will open.</summary>
    public bool NeutraliseFormulas { get; init; } = true;

    /// <summary>Start a CSV/TSV with a UTF-8 byte-order mark, which Excel needs to read non-ASCII text correctly.</summary>
    public bool Utf8Bom { get; init; }

    /// <summary>The CSV delimiter; TSV always uses tab.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The worksheet name of an XLSX file.</summary>
    public string SheetName { get; init; } = "Sheet1";
}

/// <summary>Writes a table row by row; the first row written is the header, if any.</summary>
public interface ITableWriter : IDisposable
{
    /// <summary>Writes one row; null cells are written empty.</summary>
    void WriteRow(IReadOnlyList<string?> cells);
}

/// <summary>Creates writers for the formats the product exports.</summary>
public static class TableWriter
{
    /// <summary>A writer for CSV, TSV or XLSX; all three stream to <paramref name="stream"/>, which need not be seekable.</summary>
    public static ITableWriter Create(Stream stream, TableFileFormat format, TableWriteOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new TableWriteOptions();
        return format switch
        {
            TableFileFormat.Csv => new DelimitedTableWriter(stream, options, options.Delimiter, leaveOpen),
            TableFileFormat.Tsv => new DelimitedTableWriter(stream, options, '\t', leaveOpen),
            TableFileFormat.Xlsx => new XlsxTableWriter(stream, options, leaveOpen),
            _ => throw new ArgumentException($"Writing {format} is not supported; write CSV, TSV or XLSX.", nameof(format)),
        };
    }

    /// <summary>A writer to a new file; the format comes from the extension (.csv, .tsv, .xlsx).</summary>
    public static ITableWriter CreateFile(string path, TableWriteOptions? options = null)
    {
        var format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => TableFileFormat.Csv,
            ".tsv" or ".tab" => TableFileFormat.Tsv,
            ".xlsx" => TableFileFormat.Xlsx,
            var other => throw new ArgumentException($"Cannot tell the format from the extension \"{other}\"; use .csv, .tsv or .xlsx.", nameof(path)),
        };
        return Create(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024), format, options);
    }
}
