using System.Globalization;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Cli;

/// <summary>Opening input tables with messages that name the file, row and column.</summary>
public static class TableInput
{
    public static TableReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"Input file {path} does not exist.");
        }
        try
        {
            return TableReader.OpenFile(path);
        }
        catch (TableFormatException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }

    public static int Column(TableReader reader, string path, string name)
    {
        var index = reader.ColumnIndex(name);
        return index >= 0
            ? index
            : throw new CliException($"{path}: no column '{name}'; the columns are: {string.Join(", ", reader.Headers)}.");
    }

    public static void ReportIssues(TableRow row, string path, CliOutput output)
    {
        foreach (var issue in row.Issues)
        {
            output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {issue.Message}"));
        }
    }
}
