using JobTitleStudio.Web.Hosting;
using System.Globalization;
using JobTitleStudio.Core.Batches;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Batches;

/// <summary>
/// Runs queued batches one at a time: two cores cannot classify two files faster than one after the other,
/// and one at a time keeps memory bounded. On start-up it marks jobs left running by a stopped server as
/// interrupted and picks up the ones still queued.
/// </summary>
public sealed class BatchWorker(
    IDbContextFactory<AppDbContext> databases,
    BatchFiles files,
    JobQueue<Guid> queue,
    BatchMonitor monitor,
    WorkspaceModels workspaces,
    IOptions<BatchesOptions> options,
    ILogger<BatchWorker> logger) : BackgroundService
{
    public const string InterruptedMessage = "The server stopped while this batch was running; run it again to classify the stored upload from the first row.";

    /// <summary>How often a running job's row count is saved, so the jobs list and a restarted server see recent progress.</summary>
    internal static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ModelPollInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            Guid id;
            try
            {
                id = await queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RunAsync(id, stoppingToken);
        }
    }

    /// <summary>Marks jobs a previous process left running as interrupted, drops abandoned staged uploads, and queues waiting jobs again.</summary>
    internal async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var interrupted = await db.BatchJobs.Where(j => j.Status == BatchStatus.Running).ToListAsync(cancellationToken);
        foreach (var job in interrupted)
        {
            job.Status = BatchStatus.Interrupted;
            job.FinishedAt = DateTimeOffset.UtcNow;
            job.Message = InterruptedMessage;
            File.Delete(files.PartialResult(job.Id));
        }
        await db.SaveChangesAsync(cancellationToken);
        if (Directory.Exists(files.Uploads))
        {
            Directory.Delete(files.Uploads, recursive: true);
        }
        var waiting = await db.BatchJobs.AsNoTracking().Where(j => j.Status == BatchStatus.Queued)
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).ToListAsync(cancellationToken);
        foreach (var id in waiting)
        {
            queue.Enqueue(id);
        }
        if (interrupted.Count > 0 || waiting.Count > 0)
        {
            logger.LogInformation("Batches: {Interrupted} interrupted by the last shutdown, {Waiting} still queued", interrupted.Count, waiting.Count);
        }
    }

    internal async Task RunAsync(Guid id, CancellationToken stoppingToken)
    {
        var live = monitor.Begin(id);
        try
        {
            await RunLiveAsync(id, live, stoppingToken);
        }
        finally
        {
            monitor.End(id);
        }
    }

    private async Task RunLiveAsync(Guid id, LiveBatch live, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, live.CancellationToken);
        BatchJob? job;
        await using (var db = await databases.CreateDbContextAsync(stoppingToken))
        {
            job = await db.BatchJobs.AsNoTracking().Include(j => j.Workspace).SingleOrDefaultAsync(j => j.Id == id, stoppingToken);
        }
        if (job is null || job.Status != BatchStatus.Queued)
        {
            // Cancelled or deleted while it waited.
            return;
        }

        MappedClassifier model;
        // The batch's workspace's live model: its own live version, or Default's model.
        var workspace = await workspaces.FindAsync(job.Workspace!.Name, stoppingToken);
        try
        {
            model = await WaitForModelAsync(workspace, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // A server shutting down leaves the job queued: the next start picks it up.
            if (!stoppingToken.IsCancellationRequested)
            {
                await FinishAsync(id, BatchStatus.Cancelled, "Cancelled before it started.", null);
            }
            return;
        }

        await UpdateAsync(id, j =>
        {
            j.Status = BatchStatus.Running;
            j.StartedAt = DateTimeOffset.UtcNow;
            j.ModelVersion = workspace.Status.Version;
        }, CancellationToken.None);
        live.Started();

        var partial = files.PartialResult(id);
        var run = Task.Run(() => Classify(job, model, partial, live, stop.Token), CancellationToken.None);
        while (await Task.WhenAny(run, Task.Delay(CheckpointInterval, CancellationToken.None)) != run)
        {
            var rows = live.Progress.Rows;
            await UpdateAsync(id, j => j.RowsProcessed = rows, CancellationToken.None);
        }

        try
        {
            var summary = await run;
            var result = files.Result(id);
            File.Move(partial, result, overwrite: true);
            var bytes = new FileInfo(result).Length;
            await FinishAsync(id, BatchStatus.Completed, summary.StoppedBy?.Message, j =>
            {
                j.RowsProcessed = summary.Rows;
                j.RowsTotal = summary.Rows;
                j.Classified = summary.Classified;
                j.Abstained = summary.Abstained;
                j.Junk = summary.Junk;
                j.RowsWithIssues = summary.RowsWithIssues;
                j.ResultBytes = bytes;
                j.SummaryJson = BatchDetails.From(summary).ToJson();
            });
            logger.LogInformation("Batch {Id}: {Rows} rows classified at {RowsPerSecond:0} rows/s", id, summary.Rows, live.Progress.RowsPerSecond);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            File.Delete(partial);
            var rows = live.Progress.Rows;
            if (stoppingToken.IsCancellationRequested)
            {
                await FinishAsync(id, BatchStatus.Interrupted, InterruptedMessage, j => j.RowsProcessed = rows);
            }
            else
            {
                await FinishAsync(id, BatchStatus.Cancelled, string.Create(CultureInfo.InvariantCulture, $"Cancelled after {rows:N0} rows; no result was kept."), j => j.RowsProcessed = rows);
            }
        }
        catch (Exception exception)
        {
            // Whatever broke this job must not stop the worker, or every later batch would wait forever.
            File.Delete(partial);
            logger.LogWarning(exception, "Batch {Id} failed", id);
            await FinishAsync(id, BatchStatus.Failed, $"The batch failed: {exception.Message}", null);
        }
    }

    private BatchSummary Classify(BatchJob job, MappedClassifier model, string partial, LiveBatch live, CancellationToken cancellationToken)
    {
        using var input = new FileStream(files.Input(job), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        var length = Math.Max(1, input.Length);
        using var reader = TableReader.Open(input, leaveOpen: true);
        using var writer = TableWriter.CreateFile(partial);
        // A workbook is read by seeking around its zip, so its position says nothing about rows: no estimate.
        Func<double>? fraction = reader.Settings.Format == TableFileFormat.Xlsx ? null : () => Math.Min(1, (double)input.Position / length);
        return BatchRun.Run(
            reader, model, writer,
            new BatchRunOptions { TitleColumn = job.TitleColumn, TopN = job.TopN, ChunkRows = options.Value.ChunkRows, MaxIssues = options.Value.MaxIssues },
            inputFraction: fraction,
            progress: live.Report,
            cancellationToken: cancellationToken);
    }

    private static async Task<MappedClassifier> WaitForModelAsync(LiveWorkspace workspace, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (workspace.Model is { } model)
            {
                return model;
            }
            await Task.Delay(ModelPollInterval, cancellationToken);
        }
    }

    private Task FinishAsync(Guid id, BatchStatus status, string? message, Action<BatchJob>? more) =>
        UpdateAsync(id, j =>
        {
            j.Status = status;
            j.FinishedAt = DateTimeOffset.UtcNow;
            j.Message = message;
            more?.Invoke(j);
        }, CancellationToken.None);

    /// <summary>Changes the job's row if it still exists: the analyst may delete a job while it runs.</summary>
    private async Task UpdateAsync(Guid id, Action<BatchJob> change, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var job = await db.BatchJobs.SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return;
        }
        change(job);
        await db.SaveChangesAsync(cancellationToken);
    }
}
