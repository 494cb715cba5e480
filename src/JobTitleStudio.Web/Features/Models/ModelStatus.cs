namespace JobTitleStudio.Web.Features.Models;

/// <summary>What the app knows about its live model: whether it is loaded, from where, and why not.</summary>
public sealed record ModelStatus(bool Loaded, string Path, string? Version, string Detail)
{
    public static ModelStatus NotLoaded(string path, string detail) => new(false, path, null, detail);

    public static ModelStatus LoadedFrom(string path, string version) => new(true, path, version, $"Model {version} loaded from {path}.");
}
