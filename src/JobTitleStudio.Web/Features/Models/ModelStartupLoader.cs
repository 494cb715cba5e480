using System.Globalization;
using JobTitleStudio.Core.Defaults;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Web.Features.Models;

/// <summary>Loads the configured model once the app has started, without delaying the first request.</summary>
public sealed class ModelStartupLoader(ModelHost host, ILogger<ModelStartupLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (ModelStatus Status, TitleClassifier? Model) loaded;
        try
        {
            // Building the default model is a minute of CPU work: keep it off the host's start-up path.
            loaded = await Task.Run(() => Load(host.ModelPath, stoppingToken), stoppingToken);
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
