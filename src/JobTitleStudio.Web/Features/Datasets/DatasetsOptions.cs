namespace JobTitleStudio.Web.Features.Datasets;

public sealed class DatasetsOptions
{
    /// <summary>Where imported files are kept; relative paths resolve against the content root. Empty: a "datasets" folder beside the SQLite database.</summary>
    public string Folder { get; set; } = string.Empty;

    /// <summary>Records stored per database transaction: the progress moves once per chunk.</summary>
    public int ChunkRows { get; set; } = 2000;

    /// <summary>Recorded as the importer and as the author of label edits until the app has sign-in.</summary>
    public string DefaultUserName { get; set; } = "analyst";
}
