namespace JobTitleStudio.Core.Text;

/// <summary>
/// Finds the data files the product ships under <c>models/</c>, whatever the working directory:
/// next to the application first (the build copies them there), then in the parent folders,
/// so that tests and tools run from a source checkout find the repository's own copy.
/// </summary>
public static class ShippedData
{
    /// <summary>The file whose presence marks a folder as the shipped <c>models/</c> folder.</summary>
    public const string MarkerFile = "abbreviations.tsv";

    private static readonly Lazy<string> Directory = new(() => Locate(AppContext.BaseDirectory), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The absolute path of the <c>models/</c> folder in use.</summary>
    public static string ModelsDirectory => Directory.Value;

    /// <summary>The absolute path of a shipped file, given relative to <c>models/</c> with forward slashes.</summary>
    /// <exception cref="FileNotFoundException">The file is not in the shipped folder.</exception>
    public static string PathOf(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var path = Path.Combine(ModelsDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The shipped data file 'models/{relativePath}' is missing from {ModelsDirectory}. " +
                "Check that JobTitleStudio.Core.csproj copies it to the output directory.", path);
        }
        return path;
    }

    internal static string Locate(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(candidate, MarkerFile)))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"No 'models/{MarkerFile}' found in {startDirectory} or any folder above it. " +
            "Ship the models folder next to the application (the Core project copies it on build).");
    }
}
