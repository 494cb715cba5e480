using System.Collections.Concurrent;
using System.Diagnostics;
using JobTitleStudio.Core.Batches;

namespace JobTitleStudio.Web.Features.Batches;

/// <summary>Rows done, speed and time left of a running batch, as the progress bar shows them.</summary>
/// <param name="Total">The row count when known, else an estimate from how much of the file has been read; null before the first chunk.</param>
public sealed record LiveProgress(long Rows, long? Total, bool TotalIsEstimate, double RowsPerSecond, TimeSpan? TimeLeft);

/// <summary>
/// The batches being worked on right now, kept in memory: progress changes many times a second and
/// would be wasted writes in the database, which only gets a checkpoint every few seconds.
/// </summary>
public sealed class BatchMonitor
{
    private readonly ConcurrentDictionary<Guid, LiveBatch> _live = new();

    public LiveBatch Begin(Guid id)
    {
        var live = new LiveBatch();
        _live[id] = live;
        return live;
    }

    public void End(Guid id)
    {
        if (_live.TryRemove(id, out var live))
        {
            live.Finish();
        }
    }

    public LiveBatch? Find(Guid id) => _live.GetValueOrDefault(id);
}

/// <remarks>The cancellation source is never disposed: a late Cancel from a page must not throw, and a source without a timer holds nothing to release.</remarks>
public sealed class LiveBatch
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = new();
    private BatchProgress? _progress;

    public CancellationToken CancellationToken => _cancel.Token;

    /// <summary>Completes when the worker has let go of the job's files and row.</summary>
    public Task Finished => _finished.Task;

    public void Cancel() => _cancel.Cancel();

    public void Started() => _clock.Start();

    public void Report(BatchProgress progress) => Volatile.Write(ref _progress, progress);

    public LiveProgress Progress
    {
        get
        {
            var progress = Volatile.Read(ref _progress);
            if (progress is null)
            {
                return new LiveProgress(0, null, true, 0, null);
            }
            var seconds = _clock.Elapsed.TotalSeconds;
            var speed = seconds > 0 ? progress.Rows / seconds : 0;
            long? total = progress.InputFraction is > 0 and var fraction ? (long)Math.Round(progress.Rows / fraction) : null;
            if (total < progress.Rows)
            {
                total = progress.Rows;
            }
            var estimate = progress.InputFraction is not 1;
            TimeSpan? left = total is { } t && speed > 0 ? TimeSpan.FromSeconds((t - progress.Rows) / speed) : null;
            return new LiveProgress(progress.Rows, total, estimate, speed, left);
        }
    }

    internal void Finish() => _finished.TrySetResult();
}
