namespace JobTitleStudio.Web.Hosting;

/// <summary>How a background job ended.</summary>
public enum JobOutcome
{
    Completed,
    Failed,

    /// <summary>Someone pressed Cancel (or called the cancel API).</summary>
    Cancelled,

    /// <summary>The server stopped while the job ran.</summary>
    Interrupted,
}

/// <summary>
/// The one loop every queued background job runs on: dequeue an id, mark the job running, run it with a token that
/// its Cancel button and server shutdown both cancel, then mark how it ended. Jobs run one at a time: two cores gain
/// nothing from running two and memory stays bounded. Whatever breaks one job is recorded on it and never stops the
/// loop, or every later job would wait forever.
/// </summary>
/// <typeparam name="TJob">What a started job carries from start to finish (its row, counts, files).</typeparam>
public abstract class JobRunner<TId, TJob>(JobQueue<TId> queue, ILogger logger) : BackgroundService
    where TId : notnull
    where TJob : class
{
    public JobQueue<TId> Queue => queue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            TId id;
            try
            {
                id = await queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RunOneAsync(id, stoppingToken);
        }
    }

    /// <summary>Runs one job to its end; internal so tests can drive a job without the hosted loop.</summary>
    internal async Task RunOneAsync(TId id, CancellationToken stoppingToken)
    {
        var cancel = queue.Begin(id);
        try
        {
            var job = await MarkRunningAsync(id, stoppingToken);
            if (job is null)
            {
                // Cancelled or deleted while it waited.
                return;
            }
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, cancel);
            JobOutcome outcome;
            Exception? error = null;
            try
            {
                await Task.Run(() => RunAsync(job, stop.Token), CancellationToken.None);
                outcome = JobOutcome.Completed;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                outcome = stoppingToken.IsCancellationRequested ? JobOutcome.Interrupted : JobOutcome.Cancelled;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Background job {Id} failed", id);
                outcome = JobOutcome.Failed;
                error = e;
            }
            try
            {
                await FinishAsync(job, outcome, error);
            }
            catch (Exception e)
            {
                // An unhandled exception would stop the host; the job's row keeps its last state and the log says why.
                logger.LogError(e, "Recording how background job {Id} ended ({Outcome}) failed", id, outcome);
            }
        }
        finally
        {
            queue.End(id);
        }
    }

    /// <summary>On start-up: marks jobs a stopped server left running, and queues again the ones it wants resumed.</summary>
    protected abstract Task RecoverAsync(CancellationToken cancellationToken);

    /// <summary>Marks the job running, only if it is still queued; null skips it.</summary>
    protected abstract Task<TJob?> MarkRunningAsync(TId id, CancellationToken cancellationToken);

    /// <summary>The work; throws <see cref="OperationCanceledException"/> on the token when cancelled.</summary>
    protected abstract Task RunAsync(TJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome and, when the job did not complete, removes whatever it wrote half-way. Runs after the token
    /// fired, so it must not use it.
    /// </summary>
    protected abstract Task FinishAsync(TJob job, JobOutcome outcome, Exception? error);
}
