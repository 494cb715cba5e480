namespace JobTitleStudio.Web.Hosting;

/// <summary>
/// Finds the folder that holds the app's appsettings.json and wwwroot/: the repository root when running
/// from a build output (so edits to the root files apply without rebuilding), the publish folder when
/// running a publish output (publish copies both next to the dll).
/// </summary>
public static class ContentRootLocator
{
    public const string SettingsFileName = "appsettings.json";
    public const string WebRootFolderName = "wwwroot";

    public static string Find() => Find(AppContext.BaseDirectory);

    public static string Find(string startDirectory)
    {
        // Requiring both markers keeps a stray appsettings.json in some bin folder from being taken for the root.
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SettingsFileName))
                && Directory.Exists(Path.Combine(directory.FullName, WebRootFolderName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder holding both {SettingsFileName} and {WebRootFolderName}/ was found in {startDirectory} or above it. " +
            "Run from the repository or from a 'dotnet publish' output.");
    }

    public static WebApplicationOptions CreateOptions(string[] args)
    {
        var root = Find();
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = root,
            WebRootPath = Path.Combine(root, WebRootFolderName),
        };
    }
}
