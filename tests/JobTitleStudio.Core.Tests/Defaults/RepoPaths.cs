namespace JobTitleStudio.Core.Tests.Defaults;

/// <summary>Finds files of the repository from the test output folder, for tests that read the reference data in place.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>A folder or file under models/source/.</summary>
    public static string Source(string relative) => Path.Combine(Root, "models", "source", relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JobTitleStudio.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No JobTitleStudio.sln above {AppContext.BaseDirectory}.");
    }
}
