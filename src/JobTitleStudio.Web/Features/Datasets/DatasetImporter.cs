using JobTitleStudio.Web.Hosting;
using System.Globalization;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Text;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Datasets;

/// <summary>
/// Imports queued datasets one at a time, in chunks of <see cref="DatasetsOptions.ChunkRows"/> records per transaction,
/// saving the counts with each chunk so the page shows progress. A row without a title is not a record and is counted
/// with its row number; a record without a label on some axis is kept, counted, and simply has no label there.
/// A cancelled import removes the records, categories and axes it added. On start-up an import a stopped server left
/// running is marked failed, and queued ones are picked up.
/// </summary>
public sealed class DatasetImporter(
    IDbContextFactory<AppDbContext> databases,
    DatasetFiles files,
    JobQueue<int> queue,
    DatasetProgress progress,
    IOptions<DatasetsOptions> options,
    ILogger<DatasetImporter> logger) : JobRunner<int, DatasetImporter.ImportJob>(queue, logger)
{
    public const string InterruptedMessage = "The server stopped while this file was being imported; the records imported so far are kept. Import the file again into a new dataset to complete it.";

    protected override async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        foreach (var dataset in await db.Datasets.Where(d => d.Status == DatasetStatus.Running).ToListAsync(cancellationToken))
        {
            dataset.Status = DatasetStatus.Failed;
            dataset.FinishedAt = DateTimeOffset.UtcNow;
            dataset.Message = InterruptedMessage;
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var id in await db.Datasets.Where(d => d.Status == DatasetStatus.Queued).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(cancellationToken))
        {
            Queue.Enqueue(id);
        }
    }

    protected override async Task<ImportJob?> MarkRunningAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Conditional, so a Cancel that marked the dataset cancelled while it waited wins.
        var started = await db.Datasets.Where(d => d.Id == id && d.Status == DatasetStatus.Queued)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DatasetStatus.Running), cancellationToken);
        return started == 0 ? null : new ImportJob(await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken));
    }

    protected override Task RunAsync(ImportJob job, CancellationToken cancellationToken) => ReadAsync(job, cancellationToken);

    protected override async Task FinishAsync(ImportJob job, JobOutcome outcome, Exception? error)
    {
        var dataset = job.Dataset;
        switch (outcome)
        {
            case JobOutcome.Completed:
                dataset.Status = DatasetStatus.Completed;
                break;
            case JobOutcome.Cancelled:
                await RollBackAsync(job);
                dataset.Status = DatasetStatus.Cancelled;
                dataset.Message = $"Cancelled after {dataset.RowsRead:N0} rows; the records it had imported were removed.";
                dataset.RecordsImported = dataset.RowsMissingLabel = dataset.RowsMissingTitle = 0;
                dataset.MissingLabelRows = dataset.MissingTitleRows = "";
                break;
            case JobOutcome.Interrupted:
                dataset.Status = DatasetStatus.Failed;
                dataset.Message = InterruptedMessage;
                break;
            default:
                dataset.Status = DatasetStatus.Failed;
                dataset.Message = error is TableFormatException or BatchInputException or IOException
                    ? error.Message
                    : $"The import stopped on an unexpected error: {error?.Message}";
                break;
        }
        dataset.FinishedAt = DateTimeOffset.UtcNow;
        await SaveCountsAsync(dataset, CancellationToken.None);
        progress.Forget(dataset.Id);
        logger.LogInformation("Dataset {Id}: {Status}, {Records} records, {MissingTitle} rows without title, {MissingLabel} without a label",
            dataset.Id, dataset.Status, dataset.RecordsImported, dataset.RowsMissingTitle, dataset.RowsMissingLabel);
    }

    /// <summary>Removes the dataset's records and the categories and axes this import created that nothing else uses.</summary>
    private async Task RollBackAsync(ImportJob job)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var id = job.Dataset.Id;
        await db.RecordLabels.Where(l => l.Record!.DatasetId == id).ExecuteDeleteAsync(CancellationToken.None);
        await db.Records.Where(r => r.DatasetId == id).ExecuteDeleteAsync(CancellationToken.None);
        var categories = job.CreatedCategories.Select(c => c.Id).ToList();
        await db.Categories.Where(c => categories.Contains(c.Id) && !db.RecordLabels.Any(l => l.AxisId == c.AxisId && l.Label == c.Name))
            .ExecuteDeleteAsync(CancellationToken.None);
        await db.Axes.Where(a => job.CreatedAxes.Contains(a.Id) && !a.Categories.Any() && !db.RecordLabels.Any(l => l.AxisId == a.Id))
            .ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>A running import: its dataset row (counts grow as it reads) and what it added to the taxonomy, to remove on cancel.</summary>
    public sealed record ImportJob(Dataset Dataset)
    {
        public List<TaxonomyCategory> CreatedCategories { get; } = [];

        public List<int> CreatedAxes { get; } = [];
    }

    private async Task ReadAsync(ImportJob job, CancellationToken cancellationToken)
    {
        var dataset = job.Dataset;
        var columns = DatasetView.ReadColumns(dataset.LabelColumnsJson);
        var axes = await EnsureAxesAsync(job, columns, cancellationToken);
        using var input = new FileStream(files.Input(dataset), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        var length = Math.Max(1, input.Length);
        using var reader = TableReader.Open(input, leaveOpen: true);
        // A workbook is read by seeking around its zip, so its position says nothing about rows: no estimate.
        Func<double>? fraction = reader.Settings.Format == TableFileFormat.Xlsx ? null : () => Math.Min(1, (double)input.Position / length);
        var titleColumn = DatasetService.TitleColumnOf(reader.Headers, dataset);
        var normalizer = TitleNormalizer.Shipped;
        var missingTitle = new List<long>();
        var missingLabel = new List<long>();
        var chunk = new List<DatasetRecord>(options.Value.ChunkRows);
        var newCategories = new List<TaxonomyCategory>();
        foreach (var row in reader.ReadRows())
        {
            cancellationToken.ThrowIfCancellationRequested();
            dataset.RowsRead++;
            var title = row[titleColumn].Trim();
            if (title.Length == 0)
            {
                Note(missingTitle, row.RowNumber);
                dataset.RowsMissingTitle++;
                continue;
            }
            var record = new DatasetRecord
            {
                DatasetId = dataset.Id,
                WorkspaceId = dataset.WorkspaceId,
                RowNumber = row.RowNumber,
                Title = DatasetService.Truncate(title, DatasetRecord.MaxTitleLength),
                NormalizedTitle = DatasetService.Truncate(normalizer.Normalize(title).Normalized, DatasetRecord.MaxTitleLength),
            };
            var complete = true;
            for (var i = 0; i < columns.Count; i++)
            {
                var label = DatasetService.Truncate(row[columns[i].Column].Trim(), TaxonomyCategory.MaxNameLength);
                if (label.Length == 0)
                {
                    complete = false;
                    continue;
                }
                if (axes[i].Known.Add(label))
                {
                    var category = new TaxonomyCategory { AxisId = axes[i].Id, Name = label };
                    newCategories.Add(category);
                    job.CreatedCategories.Add(category);
                }
                record.Labels.Add(new RecordLabel { AxisId = axes[i].Id, Label = label, Source = LabelSource.Imported });
            }
            if (!complete)
            {
                Note(missingLabel, row.RowNumber);
                dataset.RowsMissingLabel++;
            }
            chunk.Add(record);
            dataset.RecordsImported++;
            if (chunk.Count == options.Value.ChunkRows)
            {
                await SaveChunkAsync(dataset, chunk, newCategories, missingTitle, missingLabel, cancellationToken);
                progress.Report(dataset.Id, fraction?.Invoke());
            }
        }
        await SaveChunkAsync(dataset, chunk, newCategories, missingTitle, missingLabel, cancellationToken);
    }

    /// <summary>The workspace's axis for each label column, in column order, created when the workspace has no axis of that name.</summary>
    private async Task<List<AxisTarget>> EnsureAxesAsync(ImportJob job, IReadOnlyList<LabelColumn> columns, CancellationToken cancellationToken)
    {
        var workspaceId = job.Dataset.WorkspaceId;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var existing = await db.Axes.Include(a => a.Categories).Where(a => a.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        var next = existing.Count == 0 ? 0 : existing.Max(a => a.Position) + 1;
        var chosen = new List<TaxonomyAxis>();
        foreach (var column in columns)
        {
            var axis = existing.FirstOrDefault(a => string.Equals(a.Name, column.Axis, StringComparison.OrdinalIgnoreCase));
            if (axis is null)
            {
                axis = new TaxonomyAxis { WorkspaceId = workspaceId, Name = column.Axis, Position = next++ };
                db.Axes.Add(axis);
                existing.Add(axis);
            }
            chosen.Add(axis);
        }
        var created = chosen.Where(a => a.Id == 0).ToList();
        await db.SaveChangesAsync(cancellationToken);
        job.CreatedAxes.AddRange(created.Select(a => a.Id));
        return [.. chosen.Select(a => new AxisTarget(a.Id, a.Categories.Select(c => c.Name).ToHashSet(StringComparer.Ordinal)))];
    }

    private async Task SaveChunkAsync(Dataset dataset, List<DatasetRecord> chunk, List<TaxonomyCategory> newCategories, List<long> missingTitle, List<long> missingLabel, CancellationToken cancellationToken)
    {
        dataset.MissingTitleRows = string.Join(',', missingTitle.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        dataset.MissingLabelRows = string.Join(',', missingLabel.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Categories.AddRange(newCategories);
        db.Records.AddRange(chunk);
        db.Datasets.Attach(dataset).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        chunk.Clear();
        newCategories.Clear();
    }

    private async Task SaveCountsAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Datasets.Attach(dataset).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Note(List<long> rows, long rowNumber)
    {
        if (rows.Count < Dataset.ShownRowNumbers)
        {
            rows.Add(rowNumber);
        }
    }

    private sealed record AxisTarget(int Id, HashSet<string> Known);
}
