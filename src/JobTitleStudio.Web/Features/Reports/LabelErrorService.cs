using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Reports;

/// <summary>Likely label errors: start and cancel a search, read the last one, accept suggestions as undoable label changes.</summary>
public sealed class LabelErrorService(IDbContextFactory<AppDbContext> databases, WorkspaceModels workspaces, IOptions<ReportsOptions> options)
{
    private readonly ConcurrentDictionary<int, LiveLabelErrors> _live = new();

    /// <summary>
    /// Per workspace id: held from the "already running" check to the insert, so two starts at once queue one search. The
    /// studio is one process, so a lock in it is enough.
    /// </summary>
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _starting = new();

    /// <summary>The runs waiting for the runner, and the token that cancels each.</summary>
    internal JobQueue<int> Queue { get; } = new();

    public ReportsOptions Options => options.Value;

    internal LiveLabelErrors Begin(int id) => _live[id] = new LiveLabelErrors();

    internal void End(int id) => _live.TryRemove(id, out _);

    /// <summary>
    /// Queues a search over the workspace's labelled records, trained with the options of the workspace's live model
    /// (the defaults a new version trains with when it has none).
    /// </summary>
    /// <exception cref="StudioProblem">A search is queued or running already, or there are no labelled records (409).</exception>
    public async Task<LabelErrorRunView> StartAsync(WorkspaceSummary workspace, string author, CancellationToken cancellationToken = default)
    {
        var starting = _starting.GetOrAdd(workspace.Id, _ => new SemaphoreSlim(1, 1));
        await starting.WaitAsync(cancellationToken);
        try
        {
            return await StartLockedAsync(workspace, author, cancellationToken);
        }
        finally
        {
            starting.Release();
        }
    }

    private async Task<LabelErrorRunView> StartLockedAsync(WorkspaceSummary workspace, string author, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.LabelErrorRuns.AnyAsync(r => r.WorkspaceId == workspace.Id && (r.Status == LabelErrorRunStatus.Queued || r.Status == LabelErrorRunStatus.Running), cancellationToken))
        {
            throw StudioProblem.Conflict($"A search for likely label errors is already running in workspace {workspace.Name}; wait for it or cancel it.");
        }
        if (!await db.RecordLabels.AnyAsync(l => l.Record!.WorkspaceId == workspace.Id && l.Label != "", cancellationToken))
        {
            throw StudioProblem.Conflict($"Workspace {workspace.Name} has no labelled records to check: import a labelled file in Datasets first.");
        }
        var live = await workspaces.FindAsync(workspace.Name, cancellationToken);
        var model = live.Model;
        var run = new LabelErrorRun
        {
            WorkspaceId = workspace.Id,
            Status = LabelErrorRunStatus.Queued,
            StartedBy = author,
            CreatedAt = DateTimeOffset.UtcNow,
            Folds = Options.LabelErrorFolds,
            ModelDescription = model is null ? "default model options (the workspace has no live model loaded)" : $"options of the live model {live.Status.Version}",
            ModelOptionsJson = JsonSerializer.Serialize(model?.Classifier.Options ?? new ModelOptions()),
        };
        db.LabelErrorRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        Queue.Enqueue(run.Id);
        return View(run);
    }

    /// <summary>Cancels the workspace's queued or running search; nothing it found is kept.</summary>
    /// <exception cref="StudioProblem">No search is queued or running (409).</exception>
    public async Task<LabelErrorRunView> CancelAsync(WorkspaceSummary workspace, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var run = await db.LabelErrorRuns.AsNoTracking()
            .FirstOrDefaultAsync(r => r.WorkspaceId == workspace.Id && (r.Status == LabelErrorRunStatus.Queued || r.Status == LabelErrorRunStatus.Running), cancellationToken)
            ?? throw StudioProblem.Conflict($"No search for likely label errors is running in workspace {workspace.Name}.");
        Queue.Cancel(run.Id);
        await db.LabelErrorRuns.Where(r => r.Id == run.Id && r.Status == LabelErrorRunStatus.Queued).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Status, LabelErrorRunStatus.Cancelled)
            .SetProperty(x => x.FinishedAt, DateTimeOffset.UtcNow)
            .SetProperty(x => x.Message, "Cancelled before it started."), cancellationToken);
        return View(await db.LabelErrorRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id, cancellationToken));
    }

    /// <summary>The search in progress, the last completed one and its rows, optionally of one axis.</summary>
    public async Task<LabelErrorReport> ReportAsync(int workspaceId, string? axis = null, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var runs = await db.LabelErrorRuns.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        var active = runs.FirstOrDefault(r => r.Status is LabelErrorRunStatus.Queued or LabelErrorRunStatus.Running);
        // The newest run that ended, so a failed or cancelled one says so; its rows are the last completed run's.
        var ended = runs.FirstOrDefault(r => r.Status is not (LabelErrorRunStatus.Queued or LabelErrorRunStatus.Running));
        var completed = runs.FirstOrDefault(r => r.Status == LabelErrorRunStatus.Completed);
        var axes = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).OrderBy(a => a.Position).Select(a => a.Name).ToListAsync(cancellationToken);
        var rows = completed is null ? [] : await RowsAsync(db, completed.Id, axis, cancellationToken);
        return new LabelErrorReport(active is null ? null : View(active), ended is null ? null : View(ended), axes, rows);
    }

    /// <summary>
    /// Gives each chosen record the label the model suggested (source analyst: an analyst accepted it), recorded as one
    /// change that can be undone. Rows whose record carries the suggestion already are skipped.
    /// </summary>
    /// <exception cref="StudioProblem">No row chosen or some not of this workspace's last run (404), or nothing would change (409).</exception>
    public async Task<LabelChangeSetView> AcceptAsync(int workspaceId, IReadOnlyCollection<long> ids, string author, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            throw StudioProblem.BadRequest("Choose at least one likely label error to accept.");
        }
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var completed = await db.LabelErrorRuns.Where(r => r.WorkspaceId == workspaceId && r.Status == LabelErrorRunStatus.Completed)
            .OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var findings = await db.LabelErrorFindings.AsNoTracking().Where(f => f.RunId == completed && ids.Contains(f.Id))
            .Select(f => new { f.Id, f.RecordId, f.AxisId, f.Suggestion, f.Record!.Title, Axis = f.Axis!.Name }).ToListAsync(cancellationToken);
        if (findings.Count != ids.Distinct().Count())
        {
            var missing = ids.Except(findings.Select(f => f.Id)).Take(5);
            throw StudioProblem.NotFound($"The last search in this workspace has no likely label error {string.Join(", ", missing)}.");
        }
        var recordIds = findings.Select(f => f.RecordId).Distinct().ToList();
        var labels = await db.RecordLabels.Where(l => recordIds.Contains(l.RecordId)).ToListAsync(cancellationToken);
        var changing = findings.Where(f => labels.FirstOrDefault(l => l.RecordId == f.RecordId && l.AxisId == f.AxisId)?.Label != f.Suggestion).ToList();
        if (changing.Count == 0)
        {
            throw StudioProblem.Conflict("Every chosen record carries the suggested label already: there is nothing to accept.");
        }
        var set = new LabelChangeSet
        {
            WorkspaceId = workspaceId,
            Kind = LabelChangeKind.AcceptSuggestion,
            Description = changing.Count == 1
                ? $"Accepted suggestion: \"{changing[0].Title}\" {changing[0].Axis} → {changing[0].Suggestion}"
                : $"Accepted {changing.Count:N0} suggestions of likely label errors",
            Author = author,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        foreach (var finding in changing)
        {
            var label = labels.FirstOrDefault(l => l.RecordId == finding.RecordId && l.AxisId == finding.AxisId);
            await LabelChangeRecorder.SetAsync(db, set, label, finding.RecordId, finding.AxisId, finding.Suggestion, LabelSource.Analyst, cancellationToken);
        }
        db.LabelChangeSets.Add(set);
        await db.SaveChangesAsync(cancellationToken);
        return InconsistencyService.View(set, changing.Select(f => f.RecordId).Distinct().Count());
    }

    /// <summary>Writes the rows as CSV: record, title, axis, label and its probability and loss, suggestion and its probability, current label.</summary>
    public static void WriteCsv(LabelErrorReport report, Stream output)
    {
        using var writer = TableWriter.Create(output, TableFileFormat.Csv, new TableWriteOptions { Utf8Bom = true }, leaveOpen: true);
        writer.WriteRow(["record_id", "title", "axis", "label", "label_probability", "loss", "suggestion", "suggestion_probability", "current_label"]);
        foreach (var row in report.Rows)
        {
            writer.WriteRow([row.RecordId.ToString(CultureInfo.InvariantCulture), row.Title, row.Axis, row.Label, Number(row.LabelProbability), Number(row.Loss),
                row.Suggestion, Number(row.SuggestionProbability), row.CurrentLabel]);
        }
    }

    internal LabelErrorRunView View(LabelErrorRun run) =>
        new(run.Id, run.Status.ToString().ToLowerInvariant(), run.StartedBy, run.CreatedAt, run.FinishedAt, run.Folds, run.ModelDescription,
            run.ModelOptionsJson, run.RecordsScored, run.Message, _live.GetValueOrDefault(run.Id)?.View());

    private static async Task<List<LabelErrorRow>> RowsAsync(AppDbContext db, int runId, string? axis, CancellationToken cancellationToken)
    {
        var findings = db.LabelErrorFindings.AsNoTracking().Where(f => f.RunId == runId);
        if (!string.IsNullOrWhiteSpace(axis))
        {
            findings = findings.Where(f => f.Axis!.Name == axis);
        }
        var rows = await findings.OrderByDescending(f => f.Loss).ThenBy(f => f.RecordId).Select(f => new
        {
            f.Id, f.RecordId, f.Record!.Title, Axis = f.Axis!.Name, f.Label, f.LabelProbability, f.Loss, f.Suggestion, f.SuggestionProbability,
            Current = f.Record.Labels.Where(l => l.AxisId == f.AxisId).Select(l => l.Label).FirstOrDefault(),
        }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new LabelErrorRow(r.Id, r.RecordId, r.Title, r.Axis, r.Label, r.LabelProbability, r.Loss, r.Suggestion, r.SuggestionProbability, r.Current ?? ""))];
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
