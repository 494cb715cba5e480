using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Batches;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Datasets;

/// <summary>Everything the Datasets page and API do: stage and import labelled files, list them, browse and edit records.</summary>
public sealed class DatasetService(
    IDbContextFactory<AppDbContext> databases,
    DatasetFiles files,
    JobQueue<int> queue,
    DatasetProgress progress,
    BatchService uploads,
    IOptions<DatasetsOptions> options)
{
    public DatasetsOptions Options => options.Value;

    /// <summary>Largest file accepted: the same as for a batch (Batches:MaxUploadBytes), as both are read the same way.</summary>
    public long Limit => uploads.Options.MaxUploadBytes;

    /// <summary>Streams the file to disk and previews it, exactly as a batch upload is (same reader, same limits).</summary>
    public Task<StagedUpload> StageAsync(Stream content, string fileName, Action<long>? copied = null, CancellationToken cancellationToken = default) =>
        uploads.StageAsync(content, fileName, copied, cancellationToken);

    public static void Discard(StagedUpload upload) => BatchService.Discard(upload);

    /// <summary>
    /// The label columns named in <paramref name="requested"/>: each a column (header name or 1-based number), optionally
    /// followed by <c>=Axis</c> to fill an axis of another name (an existing axis of the workspace, or a new one).
    /// </summary>
    /// <exception cref="BatchInputException">No label column, an unknown column, the title column, a column twice, or two columns on one axis.</exception>
    public static IReadOnlyList<LabelColumn> ResolveLabelColumns(Core.Tables.TablePreview preview, int titleColumn, IEnumerable<string> requested)
    {
        var columns = new List<LabelColumn>();
        foreach (var entry in requested.SelectMany(r => r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            var column = BatchService.ResolveTitleColumn(preview, parts[0]);
            var axis = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : preview.Headers[column].Trim();
            columns.Add(new LabelColumn(column, preview.Headers[column], axis));
        }
        Validate(preview, titleColumn, columns);
        return columns;
    }

    /// <summary>Checks a column choice the page or the API made.</summary>
    /// <exception cref="BatchInputException">What is wrong with it, in the analyst's words.</exception>
    public static void Validate(Core.Tables.TablePreview preview, int titleColumn, IReadOnlyList<LabelColumn> columns)
    {
        if (titleColumn < 0 || titleColumn >= preview.Headers.Count)
        {
            throw new BatchInputException($"Column {titleColumn + 1} does not exist; the file has {preview.Headers.Count} columns.");
        }
        if (columns.Count == 0)
        {
            throw new BatchInputException("Choose at least one label column: each becomes an axis of the workspace (labelColumns=Function,Level).");
        }
        if (columns.FirstOrDefault(c => c.Column == titleColumn) is { } title)
        {
            throw new BatchInputException($"\"{title.ColumnName}\" is the title column; it cannot also be a label column.");
        }
        if (columns.GroupBy(c => c.Column).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new BatchInputException($"\"{twice.First().ColumnName}\" is chosen twice as a label column.");
        }
        if (columns.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Axis) || c.Axis.Length > TaxonomyAxis.MaxNameLength) is { } unnamed)
        {
            throw new BatchInputException($"The axis for \"{unnamed.ColumnName}\" needs a name of 1 to {TaxonomyAxis.MaxNameLength} characters.");
        }
        if (columns.GroupBy(c => c.Axis.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            throw new BatchInputException($"Two label columns fill the axis \"{shared.Key}\"; give each its own axis.");
        }
    }

    /// <summary>Moves the staged upload into the dataset's folder, records the dataset as queued and hands it to the importer.</summary>
    public async Task<DatasetView> StartAsync(StagedUpload upload, WorkspaceSummary workspace, int titleColumn, IReadOnlyList<LabelColumn> labelColumns, CancellationToken cancellationToken = default)
    {
        Validate(upload.Preview, titleColumn, labelColumns);
        var dataset = new Dataset
        {
            WorkspaceId = workspace.Id,
            Status = DatasetStatus.Queued,
            FileName = Truncate(upload.FileName, Dataset.MaxTextLength),
            InputExtension = upload.Extension,
            TitleColumnName = Truncate(upload.Preview.Headers[titleColumn], Dataset.MaxTextLength),
            LabelColumnsJson = DatasetView.WriteColumns([.. labelColumns.Select(c => c with { Axis = c.Axis.Trim() })]),
            ImportedBy = Options.DefaultUserName,
            ImportedAt = DateTimeOffset.UtcNow,
        };
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            db.Datasets.Add(dataset);
            await db.SaveChangesAsync(cancellationToken);
        }
        // A folder already there for a new id is left from a database since deleted: nothing in it belongs to this dataset.
        if (Directory.Exists(files.Folder(dataset.Id)))
        {
            Directory.Delete(files.Folder(dataset.Id), recursive: true);
        }
        Directory.CreateDirectory(files.Folder(dataset.Id));
        File.Move(upload.Path, files.Input(dataset));
        queue.Enqueue(dataset.Id);
        return DatasetView.From(dataset, workspace.Name);
    }

    /// <summary>The 0-based column the importer reads titles from: stored by name, found again in the file's header.</summary>
    internal static int TitleColumnOf(IReadOnlyList<string> headers, Dataset dataset) =>
        headers.ToList().IndexOf(dataset.TitleColumnName) is var index and >= 0 ? index : throw new BatchInputException($"The file has no column \"{dataset.TitleColumnName}\" any more.");

    public async Task<IReadOnlyList<DatasetView>> ListAsync(WorkspaceSummary workspace, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var datasets = await db.Datasets.AsNoTracking().Where(d => d.WorkspaceId == workspace.Id).ToListAsync(cancellationToken);
        return [.. datasets.OrderByDescending(d => d.ImportedAt).Select(d => DatasetView.From(d, workspace.Name) with { Progress = progress.Find(d.Id) })];
    }

    public async Task<DatasetView?> GetAsync(WorkspaceSummary workspace, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.WorkspaceId == workspace.Id, cancellationToken);
        return dataset is null ? null : DatasetView.From(dataset, workspace.Name) with { Progress = progress.Find(dataset.Id) };
    }

    /// <summary>
    /// Cancels a queued or running import: a queued one is marked cancelled at once, a running one stops at its next row
    /// and removes the records it imported.
    /// </summary>
    /// <exception cref="StudioProblem">No such dataset (404), or its import has ended (409).</exception>
    public async Task<DatasetView> CancelAsync(WorkspaceSummary workspace, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.WorkspaceId == workspace.Id, cancellationToken)
            ?? throw StudioProblem.NotFound($"Workspace {workspace.Name} has no dataset {id}.");
        if (dataset.Status is not (DatasetStatus.Queued or DatasetStatus.Running))
        {
            throw StudioProblem.Conflict($"The import of dataset {id} has ended ({dataset.Status.ToString().ToLowerInvariant()}); there is nothing to cancel.");
        }
        queue.Cancel(id);
        await db.Datasets.Where(d => d.Id == id && d.Status == DatasetStatus.Queued).ExecuteUpdateAsync(d => d
            .SetProperty(x => x.Status, DatasetStatus.Cancelled)
            .SetProperty(x => x.FinishedAt, DateTimeOffset.UtcNow)
            .SetProperty(x => x.Message, "Cancelled before it started."), cancellationToken);
        return (await GetAsync(workspace, id, cancellationToken))!;
    }

    /// <summary>The workspace's taxonomy: its axes in import order, each with its categories by name.</summary>
    public async Task<IReadOnlyList<AxisView>> AxesAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var axes = await db.Axes.AsNoTracking().Include(a => a.Categories).Where(a => a.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        return [.. axes.OrderBy(a => a.Position).Select(a => new AxisView(a.Id, a.Name, [.. a.Categories.Select(c => c.Name).Order(StringComparer.OrdinalIgnoreCase)]))];
    }

    /// <summary>One page of the workspace's records in import order, filtered by a label and/or a label source on one axis.</summary>
    public async Task<RecordPage> BrowseAsync(int workspaceId, RecordFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var records = db.Records.AsNoTracking().Where(r => r.WorkspaceId == workspaceId);
        if (!string.IsNullOrEmpty(filter.Axis) && (filter.Label is not null || filter.Source is not null))
        {
            var labels = db.RecordLabels.Where(l => l.Axis!.WorkspaceId == workspaceId && l.Axis.Name == filter.Axis);
            if (filter.Label is not null)
            {
                labels = labels.Where(l => l.Label == filter.Label);
            }
            if (filter.Source is { } source)
            {
                labels = labels.Where(l => l.Source == source);
            }
            records = records.Where(r => labels.Any(l => l.RecordId == r.Id));
        }
        var total = await records.CountAsync(cancellationToken);
        return new RecordPage(await ViewsAsync(records.OrderBy(r => r.Id).Skip(skip).Take(take), cancellationToken), total);
    }

    /// <summary>
    /// Sets a record's label on an axis, marks it as the analyst's and records the change so it shows in the history
    /// and can be undone. A label the axis does not have yet becomes a new category of it.
    /// </summary>
    /// <exception cref="StudioProblem">No such record or axis in the workspace (404), or an empty label (400).</exception>
    public async Task<RecordView> EditLabelAsync(int workspaceId, long recordId, string axis, string label, string author, CancellationToken cancellationToken = default)
    {
        label = label.Trim();
        if (label.Length is 0 or > TaxonomyCategory.MaxNameLength)
        {
            throw StudioProblem.BadRequest($"A label has 1 to {TaxonomyCategory.MaxNameLength} characters.");
        }
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.Records.Include(r => r.Labels).SingleOrDefaultAsync(r => r.Id == recordId && r.WorkspaceId == workspaceId, cancellationToken)
            ?? throw StudioProblem.NotFound($"There is no record {recordId} in this workspace.");
        var found = await db.Axes.Include(a => a.Categories).SingleOrDefaultAsync(a => a.WorkspaceId == workspaceId && a.Name == axis, cancellationToken)
            ?? throw StudioProblem.NotFound($"There is no axis \"{axis}\" in this workspace.");
        if (!found.Categories.Any(c => c.Name == label))
        {
            found.Categories.Add(new TaxonomyCategory { Name = label });
        }
        var existing = record.Labels.SingleOrDefault(l => l.AxisId == found.Id);
        if (existing is null)
        {
            existing = new RecordLabel { AxisId = found.Id, Label = "", Source = LabelSource.Analyst };
            record.Labels.Add(existing);
            await db.SaveChangesAsync(cancellationToken);
        }
        var change = new LabelChange { RecordLabelId = existing.Id, OldLabel = existing.Label, OldSource = existing.Source, NewLabel = label, NewSource = LabelSource.Analyst };
        existing.Label = label;
        existing.Source = LabelSource.Analyst;
        db.LabelChangeSets.Add(new LabelChangeSet
        {
            WorkspaceId = workspaceId,
            Kind = LabelChangeKind.Edit,
            Description = $"\"{record.Title}\" (record {record.Id}) on {found.Name}: {(change.OldLabel.Length == 0 ? "no label" : change.OldLabel)} → {label}",
            Author = author,
            CreatedAt = DateTimeOffset.UtcNow,
            Changes = [change],
        });
        await db.SaveChangesAsync(cancellationToken);
        return (await ViewsAsync(db.Records.Where(r => r.Id == recordId), cancellationToken)).Single();
    }

    private static async Task<IReadOnlyList<RecordView>> ViewsAsync(IQueryable<DatasetRecord> records, CancellationToken cancellationToken)
    {
        var rows = await records.AsNoTracking()
            .Select(r => new
            {
                r.Id, r.DatasetId, r.RowNumber, r.Title, r.NormalizedTitle,
                // An undo that took back a label the record never had leaves it empty: that is no label.
                Labels = r.Labels.Where(l => l.Label != "").OrderBy(l => l.Axis!.Position).Select(l => new { Axis = l.Axis!.Name, l.Label, l.Source }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RecordView(r.Id, r.DatasetId, r.RowNumber, r.Title, r.NormalizedTitle,
            [.. r.Labels.Select(l => new RecordLabelView(l.Axis, l.Label, l.Source.ToString().ToLowerInvariant()))]))];
    }

    internal static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
