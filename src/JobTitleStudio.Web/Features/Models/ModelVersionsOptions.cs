namespace JobTitleStudio.Web.Features.Models;

public sealed class ModelVersionsOptions
{
    /// <summary>Where version files are kept (one folder per workspace); relative paths resolve against the content root. Empty: a "models" folder beside the SQLite database.</summary>
    public string Folder { get; set; } = string.Empty;

    /// <summary>Share of normalised titles held out to measure a version on (every record of a title on the same side).</summary>
    public double TestFraction { get; set; } = 0.2;

    /// <summary>Recorded as who trained a version until the app has sign-in.</summary>
    public string DefaultUserName { get; set; } = "analyst";
}
