namespace JobTitleStudio.Web.Data;

/// <summary>Where a batch is in its life; stored as text so the database reads plainly.</summary>
public enum BatchStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
    /// <summary>The server stopped while the batch ran; its upload is kept so it can be run again.</summary>
    Interrupted,
}

/// <summary>
/// One uploaded file classified in the background. The upload and the result live in files under the
/// batches folder (<c>&lt;id&gt;/input.*</c>, <c>&lt;id&gt;/result.csv</c>); this row holds what the jobs list
/// and the summary show, so neither ever reads the files.
/// </summary>
public sealed class BatchJob
{
    public const int MaxFileNameLength = 260;
    public const int MaxTextLength = 200;

    public Guid Id { get; set; }
    public int WorkspaceId { get; set; }
    public Workspace? Workspace { get; set; }
    public BatchStatus Status { get; set; }

    /// <summary>The name the file had on the analyst's machine.</summary>
    public required string FileName { get; set; }

    /// <summary>The extension the upload is stored under (".csv", ".xlsx" ...), which tells the reader nothing it would not detect but keeps the file recognisable.</summary>
    public required string InputExtension { get; set; }
    public long InputBytes { get; set; }

    /// <summary>0-based, as the reader counts columns.</summary>
    public int TitleColumn { get; set; }
    public required string TitleColumnName { get; set; }
    public int TopN { get; set; }

    /// <summary>Who started it; "analyst" until the app has sign-in.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>The model version the rows were classified with, set when the run starts.</summary>
    public string? ModelVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public long RowsProcessed { get; set; }

    /// <summary>Known once the run has read the whole file.</summary>
    public long? RowsTotal { get; set; }
    public long Classified { get; set; }
    public long Abstained { get; set; }
    public long Junk { get; set; }
    public long RowsWithIssues { get; set; }
    public long ResultBytes { get; set; }

    /// <summary>Why the run failed or stopped reading early, for people.</summary>
    public string? Message { get; set; }

    /// <summary>The first row issues and the per-axis category counts, as JSON: read whole, never queried.</summary>
    public string? SummaryJson { get; set; }
}
