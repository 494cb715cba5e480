using JobTitleStudio.Core.Defaults;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Cli;

/// <summary>Finds and opens the model a command works on: the one given with --model, else the shipped default.</summary>
public static class ModelLocation
{
    /// <summary>The repository's models/source, which the shipped model is built from.</summary>
    public static string SourceDirectory => DefaultModel.FindSourceDirectory()
        ?? throw new CliException("No models/source folder with the O*NET data was found above the working directory or the application; pass --model FILE.");

    /// <summary>The shipped model's cache file for the current reference data.</summary>
    public static string ShippedModelPath => DefaultModel.CachePath(SourceDirectory);

    /// <summary>
    /// Starts loading the model on the thread pool so that a command can read its input meanwhile; a missing
    /// --model file is reported at once, before the command creates any output.
    /// </summary>
    public static Task<TitleClassifier> LoadInBackground(string? path, CliOutput output)
    {
        CheckExists(path);
        return Task.Run(() => Load(path, output));
    }

    public static TitleClassifier Load(string? path, CliOutput output)
    {
        if (path is not null)
        {
            CheckExists(path);
            return ModelFile.Load(path);
        }
        var source = SourceDirectory;
        if (!File.Exists(DefaultModel.CachePath(source)))
        {
            output.Messages.WriteLine($"Building the shipped model from {source} (once, about a minute)...");
        }
        return DefaultModel.LoadOrBuild(source);
    }

    private static void CheckExists(string? path)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new CliException($"Model file {path} does not exist.");
        }
    }
}
