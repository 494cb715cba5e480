namespace JobTitleStudio.Web.Data;

/// <summary>Where training a model version is; stored as text.</summary>
public enum ModelVersionStatus
{
    Queued,
    Training,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// A model trained from a workspace's records, with its metrics. Its file is <c>models/&lt;workspace&gt;/v&lt;N&gt;.jtsm</c>;
/// at most one version per workspace is live.
/// </summary>
public sealed class ModelVersion
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public Workspace? Workspace { get; set; }

    /// <summary>1, 2, 3 ... per workspace: the N of v&lt;N&gt;.</summary>
    public int Number { get; set; }
    public ModelVersionStatus Status { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool IsLive { get; set; }

    /// <summary>The metrics measured on the held-out split (<see cref="Features.Models.VersionMetrics"/>), as JSON: read whole, never queried.</summary>
    public string? MetricsJson { get; set; }

    /// <summary>
    /// The newest label change set of the workspace when training read the records (0 when there was none): the version
    /// learned the taxonomy as of that change, and the taxonomy edits after it are mapped onto its answers
    /// (<see cref="Features.Taxonomy.LiveCategoryMaps"/>). Null for versions trained before it was recorded.
    /// </summary>
    public long? TaxonomyChangeId { get; set; }

    /// <summary>Why training failed, for people.</summary>
    public string? Message { get; set; }
}
