using System.Globalization;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Cli;

/// <summary>One labelled row read from a table: its row number, title and raw label cell per axis (in the order given).</summary>
public sealed record LabelledRow(long RowNumber, string Title, IReadOnlyList<string> Labels);

/// <summary>
/// Reads a table with a title column and one label column per axis. Rows without a title, or
/// without a label on an axis, are counted and reported, never silently dropped.
/// </summary>
public sealed class LabelledInput
{
    private const int ReportedRowsPerProblem = 5;

    private LabelledInput(IReadOnlyList<string> axes, IReadOnlyList<LabelledRow> rows, long missingTitles, IReadOnlyList<long> missingLabels)
    {
        Axes = axes;
        Rows = rows;
        MissingTitles = missingTitles;
        MissingLabels = missingLabels;
    }

    public IReadOnlyList<string> Axes { get; }

    public IReadOnlyList<LabelledRow> Rows { get; }

    public long MissingTitles { get; }

    /// <summary>Per axis, rows that have a title but no label on it.</summary>
    public IReadOnlyList<long> MissingLabels { get; }

    public static LabelledInput Read(CommandLine options, CliOutput output)
    {
        var path = options.Required("input");
        var titleColumn = options.Required("title-column");
        var labelColumns = options.Pairs("label-column");
        if (labelColumns.Count == 0)
        {
            throw new CliException("Give at least one --label-column AXIS=COL.");
        }
        using var reader = TableInput.Open(path);
        var title = TableInput.Column(reader, path, titleColumn);
        var columns = labelColumns.Select(p => TableInput.Column(reader, path, p.Value)).ToArray();

        var rows = new List<LabelledRow>();
        long missingTitles = 0;
        var missingLabels = new long[columns.Length];
        foreach (var row in reader.ReadRows())
        {
            TableInput.ReportIssues(row, path, output);
            // The raw spelling is kept: reports show titles as received, and the normaliser trims anyway.
            var text = row[title];
            if (string.IsNullOrWhiteSpace(text))
            {
                if (missingTitles++ < ReportedRowsPerProblem)
                {
                    output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: row {row.RowNumber}: column '{titleColumn}' is empty; the row is skipped."));
                }
                continue;
            }
            var labels = new string[columns.Length];
            for (var a = 0; a < columns.Length; a++)
            {
                labels[a] = row[columns[a]].Trim();
                if (labels[a].Length == 0 && missingLabels[a]++ < ReportedRowsPerProblem)
                {
                    output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: row {row.RowNumber}: column '{labelColumns[a].Value}' is empty; the row has no {labelColumns[a].Key} label."));
                }
            }
            rows.Add(new LabelledRow(row.RowNumber, text, labels));
        }
        if (missingTitles > 0)
        {
            output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {missingTitles} row(s) without a title were skipped."));
        }
        for (var a = 0; a < columns.Length; a++)
        {
            if (missingLabels[a] > 0)
            {
                output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {missingLabels[a]} row(s) have no {labelColumns[a].Key} label."));
            }
        }
        return new LabelledInput([.. labelColumns.Select(p => p.Key)], rows, missingTitles, missingLabels);
    }
}
