using System.Diagnostics;
using System.Globalization;
using JobTitleStudio.Core.Batches;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Cli.Commands;

/// <summary>
/// <c>jts classify</c>: every input column unchanged and in order, then the prediction columns of each
/// axis. Rows stream through in chunks, so memory stays flat whatever the file size.
/// </summary>
public static class ClassifyCommand
{
    private const int ChunkRows = 16_384;

    public static int Run(CommandLine options, CliOutput output)
    {
        var modelPath = options.Optional("model");
        var inputPath = options.Required("input");
        var titleColumn = options.Required("title-column");
        var outputPath = options.Required("output");
        var top = options.Int("top", 3, 1, 1000);
        options.RejectUnknown();

        var clock = Stopwatch.StartNew();
        var model = ModelLocation.Load(modelPath, output);
        using var reader = TableInput.Open(inputPath);
        var title = TableInput.Column(reader, inputPath, titleColumn);
        var inputColumns = reader.Headers.Count;
        var batch = new BatchClassifier(model, new PredictionOptions { TopN = top });

        using var writer = OpenWriter(outputPath, output);
        writer.WriteRow([.. reader.Headers, .. PredictionColumns.Headers(model.Axes)]);
        var rows = new List<TableRow>(ChunkRows);
        long total = 0;
        foreach (var row in reader.ReadRows())
        {
            TableInput.ReportIssues(row, inputPath, output);
            rows.Add(row);
            if (rows.Count == ChunkRows)
            {
                total += WriteChunk(rows, title, inputColumns, model.Axes.Count, batch, writer);
            }
        }
        total += WriteChunk(rows, title, inputColumns, model.Axes.Count, batch, writer);

        output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Classified {batch.Classified} of {total} rows ({batch.Abstained} with an abstaining axis, {batch.Junk} junk titles left without a prediction) in {clock.Elapsed.TotalSeconds:0.00} s."));
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

    private static int WriteChunk(List<TableRow> rows, int titleColumn, int inputColumns, int axisCount, BatchClassifier batch, ITableWriter writer)
    {
        var titles = rows.Select(r => r[titleColumn]).ToArray();
        var predictions = batch.Classify(titles);
        var cells = new string?[inputColumns + (axisCount * PredictionColumns.CellsPerAxis)];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var c = 0; c < inputColumns; c++)
            {
                cells[c] = rows[i][c];
            }
            PredictionColumns.Fill(cells, inputColumns, predictions[i], axisCount);
            writer.WriteRow(cells);
        }
        var count = rows.Count;
        rows.Clear();
        return count;
    }
}
