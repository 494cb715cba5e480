using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Taxonomy;

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
/// exactly as <c>jts classify</c> does. Three stages overlap on their own threads: reading (up to
/// <see cref="ReadAhead"/> chunks ahead, and already while the model loads), classifying, and writing with the
/// summary counts; the stages hand chunks over through bounded queues, so memory stays flat whatever the file size.
/// </summary>
public static class BatchRun
{
    /// <summary>Chunks read but not yet classified, at most.</summary>
    public const int ReadAhead = 2;

    public static BatchSummary Run(
        TableReader reader,
        TitleClassifier model,
        ITableWriter writer,
        BatchRunOptions options,
        Func<double>? inputFraction = null,
        Action<BatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Run(reader, Task.FromResult(model), writer, options, inputFraction, progress, cancellationToken);
    }

    /// <summary>As above, answering in the current taxonomy through the model's category map.</summary>
    public static BatchSummary Run(
        TableReader reader,
        MappedClassifier model,
        ITableWriter writer,
        BatchRunOptions options,
        Func<double>? inputFraction = null,
        Action<BatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Run(reader, Task.FromResult(model), writer, options, inputFraction, progress, cancellationToken);
    }

    /// <summary>
    /// As above with a model still loading: reading starts at once and the first chunks wait for the model,
    /// so a command's start-up overlaps the model load with reading its input.
    /// </summary>
    /// <exception cref="Exception">Whatever loading the model threw.</exception>
    public static BatchSummary Run(
        TableReader reader,
        Task<TitleClassifier> model,
        ITableWriter writer,
        BatchRunOptions options,
        Func<double>? inputFraction = null,
        Action<BatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Run(reader, Unmapped(model), writer, options, inputFraction, progress, cancellationToken);
    }

    private static async Task<MappedClassifier> Unmapped(Task<TitleClassifier> model) => new(await model.ConfigureAwait(false), CategoryMap.Identity);

    private static BatchSummary Run(
        TableReader reader,
        Task<MappedClassifier> model,
        ITableWriter writer,
        BatchRunOptions options,
        Func<double>? inputFraction,
        Action<BatchProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TitleColumn < 0 || options.TitleColumn >= reader.Headers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TitleColumn, $"The title column must be 0..{reader.Headers.Count - 1}.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var chunks = new BlockingCollection<Chunk>(boundedCapacity: ReadAhead);
        using var classified = new BlockingCollection<Chunk>(boundedCapacity: 1);
        var producer = Start(() => Produce(reader, options.ChunkRows, chunks, inputFraction, stop.Token), stop.Token);
        Task<Tally>? consumer = null;
        try
        {
            var loaded = model.GetAwaiter().GetResult();
            var batch = new BatchClassifier(loaded, new PredictionOptions { TopN = options.TopN });
            writer.WriteRow([.. reader.Headers, .. PredictionColumns.Headers(loaded.Axes)]);
            var tally = new Tally(reader.Headers.Count, loaded.Axes.Count, options.MaxIssues);
            consumer = Start(() =>
            {
                try
                {
                    return Write(classified, writer, tally, progress, stop.Token);
                }
                catch
                {
                    stop.Cancel(); // else the classifying stage would wait forever to hand over its next chunk
                    throw;
                }
            }, stop.Token);
            foreach (var chunk in chunks.GetConsumingEnumerable(stop.Token))
            {
                var titles = new string[chunk.Rows.Count];
                for (var i = 0; i < titles.Length; i++)
                {
                    titles[i] = chunk.Rows[i][options.TitleColumn];
                }
                classified.Add(chunk with { Answers = batch.Classify(titles, stop.Token) }, stop.Token);
            }
            classified.CompleteAdding();
            var done = consumer.GetAwaiter().GetResult();
            return new BatchSummary(done.Rows, batch.Classified, batch.Abstained, batch.Junk, done.RowsWithIssues, done.Issues,
                [.. loaded.Axes.Select((axis, a) => new AxisCounts(axis.Name,
                    [.. done.Counts[a].OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new CategoryCount(c.Key, c.Value))]))],
                producer.GetAwaiter().GetResult());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && consumer is not null)
        {
            // Not the caller's cancellation: the writing stage failed and stopped the run; its error is the one to report.
            consumer.GetAwaiter().GetResult();
            throw;
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            // The other stages must be finished with the reader and the writer before the caller disposes them.
            classified.CompleteAdding();
            Finish(consumer, stop);
            Finish(producer, stop);
        }
    }

    private static Task<T> Start<T>(Func<T> stage, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(stage, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Finish(Task? stage, CancellationTokenSource stop)
    {
        try
        {
            stage?.GetAwaiter().GetResult();
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Cancelled or failed already: the exception that stopped the run is the one that matters.
        }
    }

    /// <summary>Writes classified chunks in order and counts what the summary reports.</summary>
    private static Tally Write(BlockingCollection<Chunk> classified, ITableWriter writer, Tally tally, Action<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var inputColumns = tally.InputColumns;
        var axisCount = tally.Counts.Length;
        var cells = new string?[inputColumns + (axisCount * PredictionColumns.CellsPerAxis)];
        foreach (var chunk in classified.GetConsumingEnumerable(cancellationToken))
        {
            for (var i = 0; i < chunk.Rows.Count; i++)
            {
                var row = chunk.Rows[i];
                if (row.Issues.Count > 0)
                {
                    tally.Note(row.Issues);
                }
                for (var c = 0; c < inputColumns; c++)
                {
                    cells[c] = row.Cells[c];
                }
                var answer = chunk.Answers![i];
                PredictionColumns.Fill(cells, inputColumns, answer, axisCount);
                writer.WriteRow(cells);
                if (answer is not null)
                {
                    tally.Count(answer);
                }
            }
            tally.Rows += chunk.Rows.Count;
            progress?.Invoke(new BatchProgress(tally.Rows, chunk.InputFraction));
        }
        return tally;
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
                    chunks.Add(new Chunk(rows, inputFraction?.Invoke(), null), cancellationToken);
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
                    chunks.Add(new Chunk(rows, stoppedBy is null ? 1 : inputFraction?.Invoke(), null), cancellationToken);
                }
            }
            chunks.CompleteAdding();
        }
        return stoppedBy;
    }

    private sealed record Chunk(List<TableRow> Rows, double? InputFraction, BatchAnswer?[]? Answers);

    /// <summary>What the writing stage counts; owned by that stage until it finishes.</summary>
    private sealed class Tally(int inputColumns, int axisCount, int maxIssues)
    {
        public int InputColumns { get; } = inputColumns;

        public Dictionary<string, long>[] Counts { get; } = [.. Enumerable.Range(0, axisCount).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];

        public List<TableIssue> Issues { get; } = [];

        public long Rows { get; set; }

        public long RowsWithIssues { get; private set; }

        public void Note(IReadOnlyList<TableIssue> issues)
        {
            RowsWithIssues++;
            foreach (var issue in issues)
            {
                if (Issues.Count < maxIssues)
                {
                    Issues.Add(issue);
                }
            }
        }

        public void Count(BatchAnswer answer)
        {
            for (var a = 0; a < answer.AxisCount; a++)
            {
                foreach (var label in answer.LabelsOf(a))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(Counts[a], label, out _)++;
                }
            }
        }
    }
}
