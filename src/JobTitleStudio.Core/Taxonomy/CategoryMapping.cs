using System.Globalization;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Taxonomy;

/// <summary>One row of a mapping from an old taxonomy to a new one: records labelled <see cref="From"/> take <see cref="To"/>.</summary>
/// <param name="Parent">Optionally the parent of <see cref="To"/> in the new hierarchy.</param>
/// <param name="RowNumber">The file's row (the header is row 1), or null for a row typed in the editor.</param>
public sealed record CategoryMappingRow(string From, string To, string? Parent = null, long? RowNumber = null);

/// <summary>A mapping file problem, named by row and column so it can be fixed in the file.</summary>
public sealed record CategoryMappingError(long? RowNumber, string? Column, string Message);

/// <summary>The rows that could be read and the errors of those that could not.</summary>
public sealed record CategoryMappingResult(IReadOnlyList<CategoryMappingRow> Rows, IReadOnlyList<CategoryMappingError> Errors);

/// <summary>Reads a mapping table <c>from,to</c> (and optionally <c>parent</c>) from CSV, TSV or XLSX with the shared table reader.</summary>
public static class CategoryMapping
{
    /// <summary>
    /// With a header row, columns are found by name (<c>from</c>, <c>to</c>, optional <c>parent</c>; other columns are
    /// ignored); without one the first columns are from, to, parent. A row missing either name, or mapping a category
    /// a second time, is reported and skipped; the good rows are kept.
    /// </summary>
    public static CategoryMappingResult Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var rows = new List<CategoryMappingRow>();
        var errors = new List<CategoryMappingError>();
        TableReader reader;
        try
        {
            // The header is recognised by its names: a sniffer cannot tell "from,to" from a row of two category names.
            reader = TableReader.Open(stream, new TableReadOptions { HasHeader = false }, leaveOpen: true);
        }
        catch (TableFormatException e)
        {
            return new CategoryMappingResult(rows, [new CategoryMappingError(e.RowNumber, null, e.Message)]);
        }
        using (reader)
        {
            IReadOnlyList<string>? headers = null;
            int fromColumn = 0, toColumn = 1, parentColumn = 2;
            string Column(int index) => headers is not null ? headers[index] : $"column {index + 1}";
            var seen = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            try
            {
                foreach (var row in reader.ReadRows())
                {
                    if (row.RowNumber == 1)
                    {
                        var names = row.Cells.Select(c => c.Trim()).ToList();
                        var named = new[] { "from", "to", "parent" }.Select(n => names.FindIndex(c => string.Equals(c, n, StringComparison.OrdinalIgnoreCase))).ToArray();
                        if (named[0] >= 0 || named[1] >= 0)
                        {
                            headers = names;
                            (fromColumn, toColumn, parentColumn) = (named[0], named[1], named[2]);
                            if (fromColumn < 0 || toColumn < 0)
                            {
                                var missing = fromColumn < 0 ? "from" : "to";
                                errors.Add(new CategoryMappingError(1, null,
                                    $"The header has no column named {missing}; it has: {string.Join(", ", names)}. Name the columns from,to (and optionally parent)."));
                                return new CategoryMappingResult(rows, errors);
                            }
                            continue;
                        }
                    }
                    var from = row[fromColumn].Trim();
                    var to = row[toColumn].Trim();
                    if (from.Length == 0 && to.Length == 0)
                    {
                        continue;
                    }
                    if (from.Length == 0 || to.Length == 0)
                    {
                        var column = from.Length == 0 ? fromColumn : toColumn;
                        errors.Add(new CategoryMappingError(row.RowNumber, Column(column),
                            Text($"Row {row.RowNumber}, column {Column(column)}: the category name is empty; the row was skipped.")));
                        continue;
                    }
                    if (seen.TryGetValue(from, out var first))
                    {
                        errors.Add(new CategoryMappingError(row.RowNumber, Column(fromColumn),
                            Text($"Row {row.RowNumber}, column {Column(fromColumn)}: \"{from}\" is mapped already on row {first}; the row was skipped.")));
                        continue;
                    }
                    seen[from] = row.RowNumber;
                    var parent = parentColumn >= 0 ? row[parentColumn].Trim() : "";
                    rows.Add(new CategoryMappingRow(from, to, parent.Length > 0 ? parent : null, row.RowNumber));
                }
            }
            catch (TableFormatException e)
            {
                errors.Add(new CategoryMappingError(e.RowNumber, null, e.Message));
            }
        }
        return new CategoryMappingResult(rows, errors);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
