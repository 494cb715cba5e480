using System.Threading.Channels;

namespace JobTitleStudio.Web.Features.Datasets;

/// <summary>Dataset ids waiting to be imported, in the order they were started; the database holds their state.</summary>
public sealed class DatasetQueue
{
    private readonly Channel<int> _ids = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(int id) => _ids.Writer.TryWrite(id);

    public ValueTask<int> DequeueAsync(CancellationToken cancellationToken) => _ids.Reader.ReadAsync(cancellationToken);
}
