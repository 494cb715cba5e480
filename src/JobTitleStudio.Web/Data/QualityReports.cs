namespace JobTitleStudio.Web.Data;

/// <summary>Where a likely-label-errors run is; stored as text.</summary>
public enum LabelErrorRunStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// One search for likely label errors in a workspace: records scored by models trained without their title. Kept with
/// the model options it used, so the page can say what the last run was; a newer completed run replaces older ones.
/// </summary>
public sealed class LabelErrorRun
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public LabelErrorRunStatus Status { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Folds { get; set; }

    /// <summary>Whose model options were used ("live model Agency v2", "default options"), for people.</summary>
    public required string ModelDescription { get; set; }

    /// <summary>The Core.Learning.ModelOptions the fold models were trained with, as JSON: read whole, never queried.</summary>
    public required string ModelOptionsJson { get; set; }

    /// <summary>Labelled records scored out of fold.</summary>
    public long RecordsScored { get; set; }

    /// <summary>Why the run failed or was cancelled, for people.</summary>
    public string? Message { get; set; }

    public List<LabelErrorFinding> Findings { get; set; } = [];
}

/// <summary>One record label the fold model found unlikely, with the category it would give instead.</summary>
public sealed class LabelErrorFinding
{
    public long Id { get; set; }
    public int RunId { get; set; }
    public long RecordId { get; set; }
    public DatasetRecord? Record { get; set; }
    public int AxisId { get; set; }
    public TaxonomyAxis? Axis { get; set; }

    /// <summary>The label the record carried when it was scored.</summary>
    public required string Label { get; set; }
    public double LabelProbability { get; set; }

    /// <summary>-ln of <see cref="LabelProbability"/>: the report's rank.</summary>
    public double Loss { get; set; }
    public required string Suggestion { get; set; }
    public double SuggestionProbability { get; set; }
}
