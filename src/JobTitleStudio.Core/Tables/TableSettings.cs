using System.Text;

namespace JobTitleStudio.Core.Tables;

/// <summary>What the reader detected (or was told) about a file: shown in previews so a user can correct it.</summary>
/// <param name="Format">The file kind.</param>
/// <param name="Encoding">The text encoding; null for workbooks.</param>
/// <param name="Delimiter">The cell delimiter; null for workbooks and one-column text.</param>
/// <param name="HasHeader">Whether the first row holds column names.</param>
/// <param name="SheetName">The worksheet read; null for text files.</param>
public sealed record TableSettings(TableFileFormat Format, Encoding? Encoding, char? Delimiter, bool HasHeader, string? SheetName);
