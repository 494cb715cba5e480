using System.Globalization;
using System.Text.Json;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Rules;

/// <summary>A row or entry that could not become a rule, named so a user can fix it in the file.</summary>
/// <param name="RowNumber">1-based row of a CSV file (the header is row 1); null for JSON maps.</param>
/// <param name="Column">The CSV column, or the JSON category, the problem is in.</param>
public sealed record RuleImportError(long? RowNumber, string? Column, string Message);

/// <summary>The rules that could be read and the errors for those that could not; good rows are never dropped for a bad one.</summary>
public sealed record RuleImportResult(IReadOnlyList<KeywordRule> Rules, IReadOnlyList<RuleImportError> Errors);

/// <summary>Reads keyword rules from CSV files (<c>keyword,category,priority</c>) and from JSON keyword maps (category → keywords).</summary>
public static class RuleImport
{
    /// <summary>
    /// Reads <c>keyword,category,priority</c> rows, with an optional <c>axis</c> column (else <paramref name="axis"/>).
    /// With a header row columns are found by name and other columns (notes) are ignored; without one the
    /// first three columns are keyword, category, priority. A keyword repeated on the same axis is reported
    /// and skipped, because only one of the two could ever win.
    /// </summary>
    public static RuleImportResult FromCsv(Stream stream, string axis)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(axis);
        var rules = new List<KeywordRule>();
        var errors = new List<RuleImportError>();
        var seen = new Dictionary<(string Axis, string Key), long>();
        TableReader reader;
        try
        {
            reader = TableReader.Open(stream, leaveOpen: true);
        }
        catch (TableFormatException e)
        {
            return new RuleImportResult(rules, [new RuleImportError(e.RowNumber, null, e.Message)]);
        }
        using (reader)
        {
            var named = reader.Settings.HasHeader;
            int keywordColumn = named ? reader.ColumnIndex("keyword") : 0;
            int categoryColumn = named ? reader.ColumnIndex("category") : 1;
            int priorityColumn = named ? reader.ColumnIndex("priority") : 2;
            var axisColumn = named ? reader.ColumnIndex("axis") : -1;
            var missing = new[] { ("keyword", keywordColumn), ("category", categoryColumn), ("priority", priorityColumn) }
                .Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
            if (missing.Count > 0)
            {
                errors.Add(new RuleImportError(1, null,
                    $"The header has no column named {string.Join(", ", missing)}; it has: {string.Join(", ", reader.Headers)}. Name the columns keyword, category, priority (and optionally axis)."));
                return new RuleImportResult(rules, errors);
            }
            try
            {
                foreach (var row in reader.ReadRows())
                {
                    if (ToRule(row, reader.Headers, axisColumn >= 0 && row[axisColumn].Trim().Length > 0 ? row[axisColumn].Trim() : axis,
                            keywordColumn, categoryColumn, priorityColumn, errors) is not { } rule)
                    {
                        continue;
                    }
                    var key = (rule.Axis.ToUpperInvariant(), KeywordPattern.TryParse(rule.Keyword, out _)!.Key);
                    if (seen.TryGetValue(key, out var firstRow))
                    {
                        errors.Add(new RuleImportError(row.RowNumber, reader.Headers[keywordColumn],
                            string.Create(CultureInfo.InvariantCulture, $"Row {row.RowNumber}: the keyword \"{rule.Keyword}\" is already a rule on row {firstRow} for the axis {rule.Axis}; this row was skipped.")));
                        continue;
                    }
                    seen[key] = row.RowNumber;
                    rules.Add(rule);
                }
            }
            catch (TableFormatException e)
            {
                errors.Add(new RuleImportError(e.RowNumber, null, e.Message));
            }
        }
        return new RuleImportResult(rules, errors);
    }

    /// <summary>Reads a rules CSV file; see <see cref="FromCsv(Stream, string)"/>.</summary>
    public static RuleImportResult FromCsvFile(string path, string axis)
    {
        using var stream = File.OpenRead(path);
        return FromCsv(stream, axis);
    }

    private static KeywordRule? ToRule(TableRow row, IReadOnlyList<string> headers, string axis, int keywordColumn, int categoryColumn, int priorityColumn, List<RuleImportError> errors)
    {
        var keyword = row[keywordColumn].Trim();
        var category = row[categoryColumn].Trim();
        var priorityText = row[priorityColumn].Trim();
        string? problem = null;
        var column = keywordColumn;
        if (row.Issues.FirstOrDefault(i => i.Kind == TableIssueKind.CellTooLong) is { } tooLong)
        {
            problem = tooLong.Message;
            column = (tooLong.ColumnNumber ?? 1) - 1;
        }
        else if (KeywordPattern.TryParse(keyword, out var keywordError) is null)
        {
            problem = $"Row {row.RowNumber}, column \"{headers[keywordColumn]}\": {keywordError}.";
        }
        else if (category.Length == 0)
        {
            problem = $"Row {row.RowNumber}, column \"{headers[categoryColumn]}\": the category is empty.";
            column = categoryColumn;
        }
        else if (!int.TryParse(priorityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            problem = $"Row {row.RowNumber}, column \"{headers[priorityColumn]}\": the priority \"{priorityText}\" is not a whole number; lower numbers win, as in 1, 10, 50.";
            column = priorityColumn;
        }
        if (problem is not null)
        {
            errors.Add(new RuleImportError(row.RowNumber, column < headers.Count ? headers[column] : null, problem));
            return null;
        }
        return new KeywordRule(axis, keyword, category, int.Parse(priorityText, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Reads a JSON keyword map, <c>{"Category": ["keyword", ...], ...}</c>, as in models/source/seed-keyword-maps.
    /// Each keyword's priority is <paramref name="priority"/> when given (then longer phrases, then file order
    /// decide); otherwise the 1-based position of its category in the file, so earlier categories win.
    /// A keyword already listed under an earlier category is reported and skipped.
    /// </summary>
    public static RuleImportResult FromKeywordMap(Stream json, string axis, int? priority = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(axis);
        var rules = new List<KeywordRule>();
        var errors = new List<RuleImportError>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return new RuleImportResult(rules, [new RuleImportError(null, null, $"The keyword map is not valid JSON (line {e.LineNumber + 1}): {e.Message}")]);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new RuleImportResult(rules, [new RuleImportError(null, null, "The keyword map must be a JSON object of category names to keyword lists, like {\"Sales\": [\"sales\", \"account executive\"]}.")]);
            }
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            var position = 0;
            foreach (var category in document.RootElement.EnumerateObject())
            {
                position++;
                if (category.Value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add(new RuleImportError(null, category.Name, $"Category \"{category.Name}\": the value must be a list of keywords."));
                    continue;
                }
                var index = 0;
                foreach (var item in category.Value.EnumerateArray())
                {
                    index++;
                    string? error = "the keyword must be a string";
                    var keyword = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    var pattern = keyword is null ? null : KeywordPattern.TryParse(keyword, out error);
                    if (pattern is null)
                    {
                        errors.Add(new RuleImportError(null, category.Name, $"Category \"{category.Name}\", keyword {index}: {error}."));
                        continue;
                    }
                    if (seen.TryGetValue(pattern.Key, out var earlier))
                    {
                        errors.Add(new RuleImportError(null, category.Name, $"Category \"{category.Name}\", keyword {index}: \"{keyword}\" is already a keyword of \"{earlier}\"; it was skipped."));
                        continue;
                    }
                    seen[pattern.Key] = category.Name;
                    rules.Add(new KeywordRule(axis, keyword!, category.Name, priority ?? position));
                }
            }
        }
        return new RuleImportResult(rules, errors);
    }
}
