using System.Threading.Channels;

namespace JobTitleStudio.Web.Features.Batches;

/// <summary>Job ids waiting for the worker, in the order they were started; the database holds their state.</summary>
public sealed class BatchQueue
{
    private readonly Channel<Guid> _ids = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Guid id) => _ids.Writer.TryWrite(id);

    public ValueTask<Guid> DequeueAsync(CancellationToken cancellationToken) => _ids.Reader.ReadAsync(cancellationToken);
}
