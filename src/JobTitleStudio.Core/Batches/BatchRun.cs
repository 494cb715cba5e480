using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Batches;

/// <summary>How a batch run reads, classifies and reports.</summary>
public sealed record BatchRunOptions
{
    /// <summary>Rows per classification chunk: big enough to amortise the model's batch call, small enough to bound memory.</summary>
    public const int DefaultChunkRows = 16_384;

    /// <summary>0-based index of the column holding the titles.</summary>
    public required int TitleColumn { get; init; }

    /// <summary>Categories listed per axis in the <c>.top</c> column.</summary>
    public int TopN { get; init; } = 3;

    public int ChunkRows { get; init; } = DefaultChunkRows;

    /// <summary>Row issues kept in the summary; the rest are only counted, so a file of bad rows cannot exhaust memory.</summary>
    public int MaxIssues { get; init; } = 100;
}

/// <summary>Rows written so far and how much of the input has been read (0..1, or null when unknown).</summary>
public sealed record BatchProgress(long Rows, double? InputFraction);

/// <summary>How often each category won on one axis, most frequent first.</summary>
public sealed record AxisCounts(string Axis, IReadOnlyList<CategoryCount> Categories);

public sealed record CategoryCount(string Category, long Count);

/// <summary>What a finished (or stopped) run did.</summary>
/// <param name="StoppedBy">Set when the file could not be read to its end (an unclosed quote, a damaged workbook): every row before it was classified and written.</param>
public sealed record BatchSummary(
    long Rows,
    long Classified,
    long Abstained,
    long Junk,
    long RowsWithIssues,
    IReadOnlyList<TableIssue> Issues,
    IReadOnlyList<AxisCounts> Axes,
    TableFormatException? StoppedBy);

/// <summary>
/// Classifies every row of a table and writes the input columns followed by <see cref="PredictionColumns"/>,
/// exactly as <c>jts classify</c> does. Reading runs on its own thread one chunk ahead of classifying and
/// writing, so the two overlap on a multi-core machine while at most three chunks are held in memory.
/// </summary>
public static class BatchRun
{
    public static BatchSummary Run(
        TableReader reader,
        TitleClassifier model,
        ITableWriter writer,
        BatchRunOptions options,
        Func<double>? inputFraction = null,
        Action<BatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TitleColumn < 0 || options.TitleColumn >= reader.Headers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TitleColumn, $"The title column must be 0..{reader.Headers.Count - 1}.");
        }

        var batch = new BatchClassifier(model, new PredictionOptions { TopN = options.TopN });
        var counts = model.Axes.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        var issues = new List<TableIssue>();
        long rowsWithIssues = 0;
        long rows = 0;
        var inputColumns = reader.Headers.Count;
        var axisCount = model.Axes.Count;
        var cells = new string?[inputColumns + (axisCount * PredictionColumns.CellsPerAxis)];

        writer.WriteRow([.. reader.Headers, .. PredictionColumns.Headers(model.Axes)]);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var chunks = new BlockingCollection<Chunk>(boundedCapacity: 1);
        var producer = Task.Factory.StartNew(
            () => Produce(reader, options.ChunkRows, chunks, inputFraction, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable(stop.Token))
            {
                var titles = new string[chunk.Rows.Count];
                for (var i = 0; i < titles.Length; i++)
                {
                    titles[i] = chunk.Rows[i][options.TitleColumn];
                }
                var predictions = batch.Classify(titles, stop.Token);
                for (var i = 0; i < chunk.Rows.Count; i++)
                {
                    var row = chunk.Rows[i];
                    if (row.Issues.Count > 0)
                    {
                        rowsWithIssues++;
                        foreach (var issue in row.Issues)
                        {
                            if (issues.Count < options.MaxIssues)
                            {
                                issues.Add(issue);
                            }
                        }
                    }
                    for (var c = 0; c < inputColumns; c++)
                    {
                        cells[c] = row.Cells[c];
                    }
                    var prediction = predictions[i];
                    PredictionColumns.Fill(cells, inputColumns, prediction, axisCount);
                    writer.WriteRow(cells);
                    if (prediction is not null)
                    {
                        Count(prediction, counts);
                    }
                }
                rows += chunk.Rows.Count;
                progress?.Invoke(new BatchProgress(rows, chunk.InputFraction));
            }
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            // The producer must be finished with the reader before the caller disposes it.
            try
            {
                producer.GetAwaiter().GetResult();
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Cancelled or failed already: the consumer's exception is the one that matters.
            }
        }
        var stoppedBy = producer.Result;

        return new BatchSummary(rows, batch.Classified, batch.Abstained, batch.Junk, rowsWithIssues, issues,
            [.. model.Axes.Select((axis, a) => new AxisCounts(axis.Name,
                [.. counts[a].OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new CategoryCount(c.Key, c.Value))]))],
            stoppedBy);
    }

    private static void Count(BatchAnswer answer, Dictionary<string, long>[] counts)
    {
        for (var a = 0; a < answer.Labels.Count; a++)
        {
            foreach (var label in answer.Labels[a])
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts[a], label, out _)++;
            }
        }
    }

    /// <summary>Reads chunks until the end; returns the error that stopped the reading early, after handing over every row before it.</summary>
    private static TableFormatException? Produce(TableReader reader, int chunkRows, BlockingCollection<Chunk> chunks, Func<double>? inputFraction, CancellationToken cancellationToken)
    {
        var rows = new List<TableRow>(chunkRows);
        TableFormatException? stoppedBy = null;
        try
        {
            foreach (var row in reader.ReadRows())
            {
                rows.Add(row);
                if (rows.Count == chunkRows)
                {
                    chunks.Add(new Chunk(rows, inputFraction?.Invoke()), cancellationToken);
                    rows = new List<TableRow>(chunkRows);
                }
            }
        }
        catch (TableFormatException e)
        {
            stoppedBy = e;
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                if (rows.Count > 0)
                {
                    chunks.Add(new Chunk(rows, stoppedBy is null ? 1 : inputFraction?.Invoke()), cancellationToken);
                }
            }
            chunks.CompleteAdding();
        }
        return stoppedBy;
    }

    private sealed record Chunk(List<TableRow> Rows, double? InputFraction);
}
