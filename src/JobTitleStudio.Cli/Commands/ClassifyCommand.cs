using System.Diagnostics;
using System.Globalization;
using JobTitleStudio.Core.Batches;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Cli.Commands;

/// <summary>
/// <c>jts classify</c>: every input column unchanged and in order, then the prediction columns of each
/// axis. The same pipeline as a batch upload (<see cref="BatchRun"/>): rows stream through in chunks, so
/// memory stays flat whatever the file size, and the input is read while the model loads.
/// </summary>
public static class ClassifyCommand
{
    /// <summary>Row problems printed one by one; past it they are counted, so a broken file cannot flood the terminal.</summary>
    public const int MaxReportedIssues = 1_000;

    public static int Run(CommandLine options, CliOutput output)
    {
        var modelPath = options.Optional("model");
        var inputPath = options.Required("input");
        var titleColumn = options.Required("title-column");
        var outputPath = options.Required("output");
        var top = options.Int("top", 3, 1, 1000);
        options.RejectUnknown();

        var clock = Stopwatch.StartNew();
        var model = ModelLocation.LoadInBackground(modelPath, output);
        using var reader = TableInput.Open(inputPath);
        var title = TableInput.Column(reader, inputPath, titleColumn);
        BatchSummary summary;
        using (var writer = OpenWriter(outputPath, output))
        {
            summary = BatchRun.Run(reader, model, writer, new BatchRunOptions { TitleColumn = title, TopN = top, MaxIssues = MaxReportedIssues });
        }

        foreach (var issue in summary.Issues)
        {
            output.Messages.WriteLine($"{inputPath}: {issue.Message}");
        }
        var unreported = summary.RowsWithIssues - summary.Issues.Select(i => i.RowNumber).Distinct().Count();
        if (unreported > 0)
        {
            output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{inputPath}: {unreported:N0} more rows with problems like those above were classified as read."));
        }
        output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Classified {summary.Classified} of {summary.Rows} rows ({summary.Abstained} with an abstaining axis, {summary.Junk} junk titles left without a prediction) in {clock.Elapsed.TotalSeconds:0.00} s."));
        if (summary.StoppedBy is { } stopped)
        {
            output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"jts: {inputPath}: {stopped.Message} The {summary.Rows:N0} rows before it are in {outputPath}."));
            return 2;
        }
        return 0;
    }

    private static ITableWriter OpenWriter(string path, CliOutput output)
    {
        if (path == "-")
        {
            return TableWriter.Create(output.DataStream, TableFileFormat.Csv, leaveOpen: true);
        }
        try
        {
            return TableWriter.CreateFile(path);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--output {path}: {e.Message}");
        }
    }
}
