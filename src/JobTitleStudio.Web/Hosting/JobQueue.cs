using System.Threading.Channels;

namespace JobTitleStudio.Web.Hosting;

/// <summary>
/// Ids of background jobs waiting for their single worker, in the order they were started; the database
/// holds their state, so the queue only has to keep the order.
/// </summary>
public sealed class JobQueue<TId>
{
    private readonly Channel<TId> _ids = Channel.CreateUnbounded<TId>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(TId id) => _ids.Writer.TryWrite(id);

    public ValueTask<TId> DequeueAsync(CancellationToken cancellationToken) => _ids.Reader.ReadAsync(cancellationToken);
}
