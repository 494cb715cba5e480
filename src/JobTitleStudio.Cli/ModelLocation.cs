using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Cli;

/// <summary>Finds and opens the model a command works on.</summary>
public static class ModelLocation
{
    public const string ShippedModelFile = "default.jtsm";

    /// <summary>The shipped model, found next to the application whatever the working directory.</summary>
    public static string ShippedModelPath => Path.Combine(ShippedData.ModelsDirectory, ShippedModelFile);

    public static string Resolve(string? option) => option ?? ShippedModelPath;

    public static TitleClassifier Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(path == ShippedModelPath
                ? $"The shipped model {path} is missing; build it with 'jts build-default'."
                : $"Model file {path} does not exist.");
        }
        return ModelFile.Load(path);
    }
}
