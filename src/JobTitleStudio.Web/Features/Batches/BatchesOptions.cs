namespace JobTitleStudio.Web.Features.Batches;

public sealed class BatchesOptions
{
    /// <summary>Largest upload accepted, in bytes; the upload endpoint's request body limit and the page's file limit follow it.</summary>
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Where uploads and results are kept; relative paths resolve against the content root. Empty: a "batches" folder beside the SQLite database.</summary>
    public string Folder { get; set; } = string.Empty;

    /// <summary>Categories listed per axis in the <c>.top</c> column when the request does not say.</summary>
    public int DefaultTopN { get; set; } = 3;

    /// <summary>Rows classified per chunk: the progress bar moves once per chunk, and a chunk's rows are held in memory.</summary>
    public int ChunkRows { get; set; } = JobTitleStudio.Core.Batches.BatchRunOptions.DefaultChunkRows;

    /// <summary>Row issues kept per job (the rest are counted): enough to find a pattern, bounded for a file of bad rows.</summary>
    public int MaxIssues { get; set; } = 100;

    /// <summary>Recorded as the job's owner until the app has sign-in.</summary>
    public string DefaultUserName { get; set; } = "analyst";
}
