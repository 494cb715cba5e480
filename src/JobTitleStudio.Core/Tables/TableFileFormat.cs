namespace JobTitleStudio.Core.Tables;

/// <summary>The kinds of table file the product reads and writes.</summary>
public enum TableFileFormat
{
    /// <summary>Delimited text with comma, semicolon or pipe.</summary>
    Csv,
    /// <summary>Tab-delimited text.</summary>
    Tsv,
    /// <summary>One value per line, no delimiter (for example a plain list of titles).</summary>
    Txt,
    /// <summary>An Excel workbook (XLSX; legacy XLS is also read).</summary>
    Xlsx,
}
