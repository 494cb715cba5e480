using System.Collections.Concurrent;
using System.Threading.Channels;

namespace JobTitleStudio.Web.Hosting;

/// <summary>
/// Ids of background jobs waiting for their single worker, in the order they were started, and a cancellation token
/// per job id; the database holds their state, so the queue only has to keep the order and the tokens.
/// </summary>
/// <remarks>Token sources are never disposed: a late Cancel from a page must not throw, and a source without a timer holds nothing to release.</remarks>
public sealed class JobQueue<TId> where TId : notnull
{
    private readonly Channel<TId> _ids = Channel.CreateUnbounded<TId>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<TId, CancellationTokenSource> _tokens = new();

    public void Enqueue(TId id) => _ids.Writer.TryWrite(id);

    public ValueTask<TId> DequeueAsync(CancellationToken cancellationToken) => _ids.Reader.ReadAsync(cancellationToken);

    /// <summary>
    /// Cancels the job: a running one sees its token cancelled, a waiting one starts with a cancelled token, so a job
    /// that starts between the caller's status check and this call is cancelled all the same.
    /// </summary>
    public void Cancel(TId id) => _tokens.GetOrAdd(id, _ => new CancellationTokenSource()).Cancel();

    /// <summary>The job's token while it runs; cancelled already when <see cref="Cancel"/> came first.</summary>
    public CancellationToken Begin(TId id) => _tokens.GetOrAdd(id, _ => new CancellationTokenSource()).Token;

    /// <summary>Forgets the job's token once it has ended (or was skipped).</summary>
    public void End(TId id) => _tokens.TryRemove(id, out _);
}
