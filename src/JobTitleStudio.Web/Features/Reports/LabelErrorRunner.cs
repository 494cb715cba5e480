using JobTitleStudio.Core.Learning;
using System.Text.Json;
using JobTitleStudio.Core.Quality;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Reports;

/// <summary>
/// Runs queued likely-label-errors searches one at a time. The findings are written only when the search completes, in
/// one save with the run's status, so a cancelled or failed search leaves nothing half-written; a completed run
/// replaces the workspace's earlier runs. A search a stopped server left running is marked failed on start-up.
/// </summary>
public sealed class LabelErrorRunner(
    IDbContextFactory<AppDbContext> databases,
    LabelErrorService service,
    ILogger<LabelErrorRunner> logger) : JobRunner<int, LabelErrorRunner.SearchJob>(service.Queue, logger)
{
    public const string InterruptedMessage = "The server stopped while this search was running; run it again.";

    protected override async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.LabelErrorRuns.Where(r => r.Status == LabelErrorRunStatus.Queued || r.Status == LabelErrorRunStatus.Running)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, LabelErrorRunStatus.Failed).SetProperty(x => x.Message, InterruptedMessage), cancellationToken);
    }

    protected override async Task<SearchJob?> MarkRunningAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Conditional, so a Cancel that marked the run cancelled while it waited wins.
        var started = await db.LabelErrorRuns.Where(r => r.Id == id && r.Status == LabelErrorRunStatus.Queued)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, LabelErrorRunStatus.Running), cancellationToken);
        if (started == 0)
        {
            return null;
        }
        var run = await db.LabelErrorRuns.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return new SearchJob(run, service.Begin(id));
    }

    protected override async Task RunAsync(SearchJob job, CancellationToken cancellationToken)
    {
        var run = job.Run;
        List<(int Id, string Name)> axes;
        List<ScoredRecord> records;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            axes = [.. (await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == run.WorkspaceId).OrderBy(a => a.Position)
                .Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken)).Select(a => (a.Id, a.Name))];
            var rows = await db.Records.AsNoTracking().Where(r => r.WorkspaceId == run.WorkspaceId).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.Title, r.NormalizedTitle, Labels = r.Labels.Select(l => new { l.AxisId, l.Label }).ToList() })
                .ToListAsync(cancellationToken);
            records = [.. rows.Select(r => new ScoredRecord(r.Id, r.Title, r.NormalizedTitle,
                [.. axes.Select(a => r.Labels.FirstOrDefault(l => l.AxisId == a.Id)?.Label ?? "")]))];
        }
        var options = new LabelErrorOptions
        {
            Folds = run.Folds,
            MaxPerAxis = service.Options.LabelErrorsPerAxis,
            Model = JsonSerializer.Deserialize<ModelOptions>(run.ModelOptionsJson) ?? new ModelOptions(),
        };
        var found = LikelyLabelErrors.Find([.. axes.Select(a => a.Name)], records, options, new Reporter(job.Live), cancellationToken);
        var axisIds = axes.ToDictionary(a => a.Name, a => a.Id, StringComparer.Ordinal);
        job.Findings.AddRange(found.Select(e => new LabelErrorFinding
        {
            RunId = run.Id,
            RecordId = e.RecordId,
            AxisId = axisIds[e.Axis],
            Label = e.Label,
            LabelProbability = e.LabelProbability,
            Loss = e.Loss,
            Suggestion = e.Suggestion,
            SuggestionProbability = e.SuggestionProbability,
        }));
        run.RecordsScored = records.Count(r => r.Labels.Any(l => l.Length > 0));
    }

    protected override async Task FinishAsync(SearchJob job, JobOutcome outcome, Exception? error)
    {
        var run = job.Run;
        service.End(run.Id);
        (run.Status, run.Message) = outcome switch
        {
            JobOutcome.Completed => (LabelErrorRunStatus.Completed, null),
            JobOutcome.Cancelled => (LabelErrorRunStatus.Cancelled, "Cancelled; nothing it found was kept."),
            JobOutcome.Interrupted => (LabelErrorRunStatus.Failed, InterruptedMessage),
            _ => (LabelErrorRunStatus.Failed, error is InvalidOperationException ? error.Message : $"The search stopped on an unexpected error: {error?.Message}"),
        };
        run.FinishedAt = DateTimeOffset.UtcNow;
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        db.LabelErrorRuns.Attach(run).State = EntityState.Modified;
        if (outcome == JobOutcome.Completed)
        {
            db.LabelErrorFindings.AddRange(job.Findings);
            await db.LabelErrorRuns.Where(r => r.WorkspaceId == run.WorkspaceId && r.Id < run.Id).ExecuteDeleteAsync(CancellationToken.None);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        logger.LogInformation("Likely label errors run {Id}: {Status}, {Records} records scored, {Findings} findings", run.Id, run.Status, run.RecordsScored, job.Findings.Count);
    }

    /// <summary>A started search: its run row, its live progress, and the findings it keeps until it completes.</summary>
    public sealed record SearchJob(LabelErrorRun Run, LiveLabelErrors Live)
    {
        public List<LabelErrorFinding> Findings { get; } = [];
    }

    /// <summary>Reports synchronously: <see cref="Progress{T}"/> would post to a thread-pool callback after the search moved on.</summary>
    private sealed class Reporter(LiveLabelErrors live) : IProgress<LabelErrorProgress>
    {
        public void Report(LabelErrorProgress value) => live.Report(value);
    }
}
