using System.Globalization;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Defaults;

/// <summary>One category of a default axis, as listed in models/functions.tsv or models/levels.tsv.</summary>
/// <param name="Order">Position on an ordered axis (levels: 1 is the most senior); null for unordered axes.</param>
public sealed record DefaultCategory(string Name, string DisplayName, string Description, int? Order);

/// <summary>Reads the category tables of the default taxonomy.</summary>
public static class CategoryTable
{
    /// <summary>Reads a tab-separated table with the columns category, display_name, description and, optionally, order.</summary>
    /// <exception cref="FormatException">A column is missing, a name is empty or repeated, or an order is not a number; the message names the row.</exception>
    public static IReadOnlyList<DefaultCategory> Load(string path)
    {
        using var reader = TableReader.OpenFile(path, new TableReadOptions { Delimiter = '\t', HasHeader = true });
        int name = reader.ColumnIndex("category"), display = reader.ColumnIndex("display_name"), description = reader.ColumnIndex("description"), order = reader.ColumnIndex("order");
        if (name < 0 || display < 0 || description < 0)
        {
            throw new FormatException($"{path}: a category table needs the columns category, display_name and description; it has: {string.Join(", ", reader.Headers)}.");
        }
        var categories = new List<DefaultCategory>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in reader.ReadRows())
        {
            var category = row[name].Trim();
            if (category.Length == 0 || !seen.Add(category))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}, row {row.RowNumber}: the category \"{category}\" is empty or listed twice."));
            }
            int? position = null;
            if (order >= 0)
            {
                position = int.TryParse(row[order], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}, row {row.RowNumber}: the order \"{row[order]}\" is not a whole number."));
            }
            categories.Add(new DefaultCategory(category, row[display].Trim(), row[description].Trim(), position));
        }
        return categories;
    }
}
