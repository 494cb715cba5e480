using System.Text;

namespace JobTitleStudio.Core.Tables;

/// <summary>Overrides for what <see cref="TableReader"/> would otherwise detect; every null means "detect".</summary>
public sealed record TableReadOptions
{
    /// <summary>Default limit for one cell: long enough for any real title, short enough that a runaway quote cannot exhaust memory.</summary>
    public const int DefaultMaxCellLength = 10_000;

    /// <summary>Force a format. <see cref="TableFileFormat.Txt"/> reads each line as one cell, commas included.</summary>
    public TableFileFormat? Format { get; init; }

    /// <summary>Force the delimiter of a text file.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Force whether the first row holds column names.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Force the text encoding (BOMs are still skipped).</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>Cells longer than this are cut to this many characters and reported as a row issue.</summary>
    public int MaxCellLength { get; init; } = DefaultMaxCellLength;

    /// <summary>The worksheet to read from a workbook; null reads the first one.</summary>
    public string? SheetName { get; init; }
}
