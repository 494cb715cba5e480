namespace JobTitleStudio.Web.Features.Models;

/// <summary>Loads the configured model file once the app has started, without delaying the first request.</summary>
public sealed class ModelStartupLoader(ModelHost host, ILogger<ModelStartupLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ModelStatus status;
        try
        {
            status = await LoadAsync(host.ModelPath, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            status = ModelStatus.NotLoaded(host.ModelPath, $"Loading {host.ModelPath} failed: {exception.Message}");
        }

        host.Publish(status);
        if (status.Loaded)
        {
            logger.LogInformation("Live model {Version} loaded from {Path}", status.Version, status.Path);
        }
        else
        {
            logger.LogWarning("No live model: {Detail}", status.Detail);
        }
    }

    /// <summary>
    /// The one place where the engine's model-file reader plugs in: read <paramref name="path"/>, make the
    /// model live, and return <see cref="ModelStatus.LoadedFrom"/> with its version.
    /// </summary>
    internal static Task<ModelStatus> LoadAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(path))
        {
            return Task.FromResult(ModelStatus.NotLoaded(path,
                $"No model file at {path}: train a model or set Models:DefaultModelPath to an existing .jtsm file."));
        }

        return Task.FromResult(ModelStatus.NotLoaded(path,
            $"A model file exists at {path}, but this build has no model-file reader yet, so it was not loaded."));
    }
}
