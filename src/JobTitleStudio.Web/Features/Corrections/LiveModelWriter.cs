using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Corrections;

/// <summary>
/// Saves corrected live models in the background. A burst of corrections becomes one write after
/// <see cref="LiveModelsOptions.SaveDelay"/>; nothing depends on the write for safety, because every correction is in
/// SQLite before the model learns it and start-up replays what the file lacks.
/// </summary>
public sealed class LiveModelWriter(LiveModelStore store, IOptions<LiveModelsOptions> options, ILogger<LiveModelWriter> logger) : BackgroundService
{
    private readonly Channel<LiveWorkspace> _requests = Channel.CreateUnbounded<LiveWorkspace>(new UnboundedChannelOptions { SingleReader = true });

    public void RequestSave(LiveWorkspace workspace) => _requests.Writer.TryWrite(workspace);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new HashSet<LiveWorkspace>();
        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(options.Value.SaveDelay, stoppingToken);
                Drain(pending);
                await SaveAllAsync(pending, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is waiting, so a clean restart needs no replay.
            Drain(pending);
            await SaveAllAsync(pending, CancellationToken.None);
        }
    }

    private void Drain(HashSet<LiveWorkspace> pending)
    {
        while (_requests.Reader.TryRead(out var workspace))
        {
            pending.Add(workspace);
        }
    }

    private async Task SaveAllAsync(HashSet<LiveWorkspace> pending, CancellationToken cancellationToken)
    {
        foreach (var workspace in pending)
        {
            try
            {
                await SaveAsync(store, workspace, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                logger.LogError(exception, "Saving the live model of workspace {Workspace} failed; its corrections are safe in the database and replay at start-up", workspace.Name);
            }
        }
        pending.Clear();
    }

    /// <summary>Saves under the workspace's gate, so the sidecar names exactly the last correction the file holds.</summary>
    internal static async Task SaveAsync(LiveModelStore store, LiveWorkspace workspace, CancellationToken cancellationToken)
    {
        var model = workspace.Model;
        if (model is null || workspace.BaseVersion is null)
        {
            return;
        }
        await workspace.Gate.WaitAsync(cancellationToken);
        try
        {
            store.Save(workspace.Name, model.Classifier, new LiveModelState(workspace.LastAppliedCorrectionId, workspace.BaseVersion, DateTimeOffset.UtcNow));
        }
        finally
        {
            workspace.Gate.Release();
        }
    }
}
