using System.Globalization;
using JobTitleStudio.Core.Defaults;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Web.Features.Corrections;

namespace JobTitleStudio.Web.Features.Models;

/// <summary>
/// Loads the live model once the app has started, without delaying the first request: the Default workspace's
/// corrected live file when it grew from its base (the live model version, else the configured model), else that base; then replays every
/// correction the file does not hold yet, and only then publishes it.
/// </summary>
public sealed class ModelStartupLoader(
    ModelHost host, WorkspaceModels workspaces, LiveModelStore liveModels, CorrectionService corrections, LiveModelWriter writer,
    ILogger<ModelStartupLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (ModelStatus Status, TitleClassifier? Model) loaded;
        try
        {
            // Building the default model is a minute of CPU work: keep it off the host's start-up path.
            loaded = await Task.Run(() => LoadWithCorrectionsAsync(stoppingToken), stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            loaded = (ModelStatus.NotLoaded(host.ModelPath ?? "the shipped default model", $"Loading the model failed: {exception.Message}"), null);
        }

        host.Publish(loaded.Status, loaded.Model);
        if (loaded.Status.Loaded)
        {
            logger.LogInformation("Live model {Version} loaded from {Path}", loaded.Status.Version, loaded.Status.Path);
        }
        else
        {
            logger.LogWarning("No live model: {Detail}", loaded.Status.Detail);
        }
    }

    private async Task<(ModelStatus Status, TitleClassifier? Model)> LoadWithCorrectionsAsync(CancellationToken cancellationToken)
    {
        var workspace = await workspaces.FindAsync(workspaces.Default.Name, cancellationToken);
        // A version made live in Models replaces the configured model until another is.
        var liveVersion = await workspaces.LiveVersionFileAsync(workspace.Id, workspace.Name, cancellationToken);
        var baseVersion = liveVersion?.Version ?? BaseVersionOf(host.ModelPath);
        var saved = liveModels.ReadState(workspace.Name);
        (ModelStatus Status, TitleClassifier? Model) loaded = default;
        long afterId = 0;
        if (saved is not null && saved.BaseVersion == baseVersion)
        {
            var livePath = liveModels.ModelPath(workspace.Name);
            try
            {
                loaded = (new ModelStatus(true, livePath, VersionOf(livePath), $"Model {baseVersion} with its corrections, loaded from {livePath}."), ModelFile.Load(livePath));
                afterId = saved.LastCorrectionId;
            }
            catch (ModelFileException exception)
            {
                logger.LogWarning("The live model {Path} is unreadable ({Reason}); loading the base model and replaying every correction", livePath, exception.Message);
            }
        }
        if (loaded.Model is null && liveVersion is { } version)
        {
            loaded = (ModelStatus.LoadedFrom(version.Path, version.Version), ModelFile.Load(version.Path));
        }
        else if (loaded.Model is null)
        {
            loaded = Load(host.ModelPath, cancellationToken);
            baseVersion = loaded.Status.Version;
        }
        if (loaded.Model is null)
        {
            return loaded;
        }

        // The map is set before the model is published, so its first answer is already in the current taxonomy.
        var mapped = await workspaces.MapAsync(workspace, loaded.Model, cancellationToken);
        var (replayed, lastId) = await corrections.ReplayAsync(workspace, mapped, afterId, logger, cancellationToken);
        workspace.BaseVersion = baseVersion;
        workspace.LastAppliedCorrectionId = lastId;
        if (replayed > 0)
        {
            logger.LogInformation("Replayed {Count} corrections newer than the loaded model", replayed);
            writer.RequestSave(workspace);
        }
        return loaded;
    }

    /// <summary>The version the configured model would load as, without loading it; null when it does not exist yet.</summary>
    private static string? BaseVersionOf(string? path)
    {
        if (path is null)
        {
            var source = DefaultModel.FindSourceDirectory();
            path = source is null ? null : DefaultModel.CachePath(source);
        }
        return path is not null && File.Exists(path) ? VersionOf(path) : null;
    }

    /// <summary>Reads the model file at <paramref name="path"/>, or the shipped default model when it is null.</summary>
    internal static (ModelStatus Status, TitleClassifier? Model) Load(string? path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (path is null)
        {
            var source = DefaultModel.FindSourceDirectory();
            if (source is null)
            {
                return (ModelStatus.NotLoaded("the shipped default model",
                    "No models/source folder with the O*NET data was found above the application, so the default model cannot be built; set Models:DefaultModelPath to a .jtsm file."), null);
            }
            var model = DefaultModel.LoadOrBuild(source, cancellationToken: cancellationToken);
            var cached = DefaultModel.CachePath(source);
            return (ModelStatus.LoadedFrom(cached, VersionOf(cached)), model);
        }
        if (!File.Exists(path))
        {
            return (ModelStatus.NotLoaded(path,
                $"No model file at {path}: train a model or set Models:DefaultModelPath to an existing .jtsm file (empty for the shipped default)."), null);
        }
        try
        {
            return (ModelStatus.LoadedFrom(path, VersionOf(path)), ModelFile.Load(path));
        }
        catch (ModelFileException exception)
        {
            return (ModelStatus.NotLoaded(path, exception.Message), null);
        }
    }

    /// <summary>A model version readable by people: the file's name and when it was written.</summary>
    internal static string VersionOf(string path) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(path)}@{File.GetLastWriteTimeUtc(path):yyyyMMdd'T'HHmmss'Z'}");
}
