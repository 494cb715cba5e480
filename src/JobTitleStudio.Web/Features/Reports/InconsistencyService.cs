using System.Globalization;
using JobTitleStudio.Core.Quality;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Text;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Reports;

/// <summary>The inconsistent titles report of a workspace's records, with its axes in taxonomy order.</summary>
public sealed record InconsistencyView(IReadOnlyList<string> Axes, IReadOnlyList<InconsistencyRow> Rows);

/// <summary>What relabel to majority would change, as the preview shows it.</summary>
public sealed record MajorityPreview(int Titles, int RecordsChanging, IReadOnlyList<string> TiedTitles);

/// <summary>A recorded label change, as the history shows it.</summary>
public sealed record LabelChangeSetView(long Id, string Kind, string Description, string Author, DateTimeOffset CreatedAt, int RecordsChanged, long? UndoOf, long? UndoneBy);

/// <summary>The inconsistent titles report, relabel to majority and undoing recorded label changes.</summary>
public sealed class InconsistencyService(IDbContextFactory<AppDbContext> databases)
{
    /// <summary>The report's rows; <paramref name="sort"/> "variance" puts the most uneven titles first, else the largest totals come first.</summary>
    public async Task<InconsistencyView> ReportAsync(int workspaceId, string? sort = null, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var (axes, records) = await LoadAsync(db, workspaceId, cancellationToken);
        var rows = InconsistencyReport.Build(records.Select(r => new LabelledTitle(r.Title, r.Cells)), Normalize);
        if (string.Equals(sort, "variance", StringComparison.OrdinalIgnoreCase))
        {
            // Keep each title's combinations together and in rank order.
            rows = [.. rows.OrderByDescending(r => r.Variance).ThenBy(r => r.NormalizedTitle, StringComparer.Ordinal).ThenBy(r => r.Rank)];
        }
        return new InconsistencyView([.. axes.Select(a => a.Name)], rows);
    }

    /// <summary>Whether the workspace has any record to report on.</summary>
    public async Task<bool> HasRecordsAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Records.AnyAsync(r => r.WorkspaceId == workspaceId, cancellationToken);
    }

    /// <summary>Writes the report as CSV: title, normalised title, one column per axis, then the counts.</summary>
    public static void WriteCsv(InconsistencyView report, Stream output)
    {
        using var writer = TableWriter.Create(output, TableFileFormat.Csv, new TableWriteOptions { Utf8Bom = true }, leaveOpen: true);
        writer.WriteRow(["title", "normalized_title", .. report.Axes, "record_count", "total_count", "combinations", "rank", "variance"]);
        foreach (var row in report.Rows)
        {
            writer.WriteRow([row.Title, row.NormalizedTitle, .. row.Labels, Text(row.RecordCount), Text(row.TotalCount), Text(row.Combinations), Text(row.Rank),
                row.Variance.ToString("R", CultureInfo.InvariantCulture)]);
        }
    }

    public async Task<MajorityPreview> PreviewMajorityAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        var plan = MajorityRelabel.Plan((await ReportAsync(workspaceId, cancellationToken: cancellationToken)).Rows);
        return new MajorityPreview(plan.Targets.Count, plan.RecordsChanging, plan.TiedTitles);
    }

    /// <summary>
    /// Gives every record of each inconsistent title with a majority the majority's labels (source analyst), recorded
    /// as one change that stores the labels it replaced, so it can be undone. Tied titles are left as they are.
    /// </summary>
    /// <exception cref="StudioProblem">Nothing to change (409).</exception>
    public async Task<LabelChangeSetView> RelabelToMajorityAsync(int workspaceId, string author, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var (axes, records) = await LoadAsync(db, workspaceId, cancellationToken);
        var plan = MajorityRelabel.Plan(InconsistencyReport.Build(records.Select(r => new LabelledTitle(r.Title, r.Cells)), Normalize));
        if (plan.RecordsChanging == 0)
        {
            throw StudioProblem.Conflict("No record differs from its title's majority: there is nothing to relabel.");
        }
        var targets = plan.Targets.ToDictionary(t => t.NormalizedTitle, StringComparer.Ordinal);
        var changing = records.Where(r => targets.TryGetValue(Normalize(r.Title), out var t) && !t.Labels.SequenceEqual(r.Cells)).ToList();
        var ids = changing.Select(r => r.Id).ToList();
        var labels = await db.RecordLabels.Where(l => ids.Contains(l.RecordId)).ToListAsync(cancellationToken);
        var set = new LabelChangeSet
        {
            WorkspaceId = workspaceId,
            Kind = LabelChangeKind.RelabelToMajority,
            Description = $"Relabel to majority: {changing.Count:N0} records of {plan.Targets.Count:N0} inconsistent titles"
                + (plan.TiedTitles.Count > 0 ? $"; {plan.TiedTitles.Count:N0} tied titles skipped" : ""),
            Author = author,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        foreach (var record in changing)
        {
            var target = targets[Normalize(record.Title)];
            for (var a = 0; a < axes.Count; a++)
            {
                if (target.Labels[a] == record.Cells[a])
                {
                    continue;
                }
                var label = labels.FirstOrDefault(l => l.RecordId == record.Id && l.AxisId == axes[a].Id);
                await LabelChangeRecorder.SetAsync(db, set, label, record.Id, axes[a].Id, target.Labels[a], LabelSource.Analyst, cancellationToken);
            }
        }
        db.LabelChangeSets.Add(set);
        await db.SaveChangesAsync(cancellationToken);
        return View(set, changing.Count);
    }

    /// <summary>
    /// Puts back the labels a change replaced, recorded as a new change marked as its undo. A label changed again since is
    /// left as it is now.
    /// </summary>
    /// <exception cref="StudioProblem">No such change (404), or it was undone already or is itself an undo (409).</exception>
    public async Task<LabelChangeSetView> UndoAsync(int workspaceId, long id, string author, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var set = await db.LabelChangeSets.Include(s => s.Changes).SingleOrDefaultAsync(s => s.Id == id && s.WorkspaceId == workspaceId, cancellationToken)
            ?? throw StudioProblem.NotFound($"There is no label change {id} in this workspace.");
        if (set.AxisId is not null)
        {
            throw StudioProblem.Conflict($"Label change {id} is a taxonomy edit: undo it with POST /api/history/L{id}/undo, which also puts its categories back.");
        }
        if (set.UndoneById is not null || set.Kind == LabelChangeKind.Undo)
        {
            throw StudioProblem.Conflict(set.UndoneById is not null ? $"Label change {id} was undone already." : $"Label change {id} is an undo; make the change again instead.");
        }
        var labelIds = set.Changes.Select(c => c.RecordLabelId).ToList();
        var labels = await db.RecordLabels.Where(l => labelIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        var undo = new LabelChangeSet
        {
            WorkspaceId = workspaceId,
            Kind = LabelChangeKind.Undo,
            Description = $"Undo of: {set.Description}",
            Author = author,
            CreatedAt = DateTimeOffset.UtcNow,
            UndoOfId = set.Id,
        };
        foreach (var change in set.Changes)
        {
            if (labels.GetValueOrDefault(change.RecordLabelId) is { } label && label.Label == change.NewLabel)
            {
                undo.Changes.Add(new LabelChange { RecordLabelId = label.Id, OldLabel = label.Label, OldSource = label.Source, NewLabel = change.OldLabel, NewSource = change.OldSource });
                label.Label = change.OldLabel;
                label.Source = change.OldSource;
            }
        }
        db.LabelChangeSets.Add(undo);
        await db.SaveChangesAsync(cancellationToken);
        set.UndoneById = undo.Id;
        await db.SaveChangesAsync(cancellationToken);
        return View(undo, undo.Changes.Select(c => labels[c.RecordLabelId].RecordId).Distinct().Count());
    }

    /// <summary>The workspace's label changes, newest first.</summary>
    public async Task<IReadOnlyList<LabelChangeSetView>> ChangesAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var sets = await db.LabelChangeSets.AsNoTracking().Where(s => s.WorkspaceId == workspaceId).OrderByDescending(s => s.Id).ToListAsync(cancellationToken);
        var records = (await (from c in db.LabelChanges
                              join l in db.RecordLabels on c.RecordLabelId equals l.Id
                              where l.Axis!.WorkspaceId == workspaceId
                              select new { c.ChangeSetId, l.RecordId }).Distinct().ToListAsync(cancellationToken))
            .GroupBy(c => c.ChangeSetId).ToDictionary(g => g.Key, g => g.Count());
        return [.. sets.Select(s => View(s, records.GetValueOrDefault(s.Id)))];
    }

    internal static LabelChangeSetView View(LabelChangeSet set, int records) =>
        new(set.Id, set.Kind.ToString(), set.Description, set.Author, set.CreatedAt, records, set.UndoOfId, set.UndoneById);

    private static string Normalize(string title) => TitleNormalizer.Shipped.Normalize(title).Normalized;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The workspace's axes in taxonomy order and its records with one cell per axis ("" where it has no label).</summary>
    private static async Task<(List<AxisRef> Axes, List<RecordCells> Records)> LoadAsync(AppDbContext db, int workspaceId, CancellationToken cancellationToken)
    {
        var axes = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).OrderBy(a => a.Position)
            .Select(a => new AxisRef(a.Id, a.Name)).ToListAsync(cancellationToken);
        var records = await db.Records.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Title, Labels = r.Labels.Select(l => new { l.AxisId, l.Label }).ToList() })
            .ToListAsync(cancellationToken);
        return (axes, [.. records.Select(r => new RecordCells(r.Id, r.Title,
            [.. axes.Select(a => r.Labels.FirstOrDefault(l => l.AxisId == a.Id)?.Label ?? "")]))]);
    }

    private sealed record AxisRef(int Id, string Name);

    private sealed record RecordCells(long Id, string Title, string[] Cells);
}
