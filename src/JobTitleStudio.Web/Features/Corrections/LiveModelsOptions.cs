namespace JobTitleStudio.Web.Features.Corrections;

public sealed class LiveModelsOptions
{
    /// <summary>
    /// Where each workspace's corrected model is saved (<c>&lt;workspace&gt;.live.jtsm</c> plus a <c>.live.json</c> sidecar);
    /// relative to the content root. Empty means a <c>models</c> folder next to the SQLite database, so the live
    /// model always travels with the corrections it holds, and never overwrites the shipped file or its cache.
    /// </summary>
    public string Folder { get; set; } = string.Empty;

    /// <summary>Saves requested within this window are coalesced into one write of the model file.</summary>
    public TimeSpan SaveDelay { get; set; } = TimeSpan.FromSeconds(1);
}
