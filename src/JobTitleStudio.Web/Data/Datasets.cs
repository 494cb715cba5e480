namespace JobTitleStudio.Web.Data;

/// <summary>Where a dataset import is in its life; stored as text so the database reads plainly.</summary>
public enum DatasetStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>Where a record's label came from; stored as text.</summary>
public enum LabelSource
{
    Imported,
    Rule,
    Analyst,
    Model,
}

/// <summary>
/// An imported labelled file. The upload stays under the datasets folder (<c>&lt;id&gt;/input.*</c>); this row holds
/// what the import did, including the rows it could not use, so nothing is dropped without a trace.
/// </summary>
public sealed class Dataset
{
    public const int MaxTextLength = 260;

    /// <summary>How many row numbers of each kind of skipped row are kept to show.</summary>
    public const int ShownRowNumbers = 10;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public Workspace? Workspace { get; set; }
    public DatasetStatus Status { get; set; }
    public required string FileName { get; set; }
    public required string InputExtension { get; set; }
    public required string TitleColumnName { get; set; }

    /// <summary>The label columns and the axis each fills, as JSON (<see cref="Features.Datasets.LabelColumn"/>): read whole, never queried.</summary>
    public required string LabelColumnsJson { get; set; }
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Data rows read from the file so far (the header excluded).</summary>
    public long RowsRead { get; set; }

    /// <summary>Records stored: every row read that has a title.</summary>
    public long RecordsImported { get; set; }

    /// <summary>Rows not imported because their title cell is empty.</summary>
    public long RowsMissingTitle { get; set; }

    /// <summary>Records imported without a label on at least one axis: they count in reports but not in training.</summary>
    public long RowsMissingLabel { get; set; }

    /// <summary>The first <see cref="ShownRowNumbers"/> row numbers (as a spreadsheet shows them) of each kind, comma-separated.</summary>
    public string MissingTitleRows { get; set; } = "";
    public string MissingLabelRows { get; set; } = "";

    /// <summary>Why the import failed, for people.</summary>
    public string? Message { get; set; }
}

/// <summary>One axis of a workspace's taxonomy, created by the first import that has a label column for it.</summary>
public sealed class TaxonomyAxis
{
    public const int MaxNameLength = 100;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Name { get; set; }

    /// <summary>The axis order: the order it was first imported in.</summary>
    public int Position { get; set; }
    public List<TaxonomyCategory> Categories { get; set; } = [];
}

/// <summary>One category of an axis: every label a record carries on the axis is one of these.</summary>
public sealed class TaxonomyCategory
{
    public const int MaxNameLength = 300;

    public int Id { get; set; }
    public int AxisId { get; set; }
    public TaxonomyAxis? Axis { get; set; }
    public required string Name { get; set; }

    /// <summary>The category this one sits under in the axis's hierarchy; null at the top.</summary>
    public int? ParentId { get; set; }
}

/// <summary>One row of a dataset: its title and its labels per axis.</summary>
public sealed class DatasetRecord
{
    public const int MaxTitleLength = 1000;

    public long Id { get; set; }
    public int DatasetId { get; set; }
    public Dataset? Dataset { get; set; }

    /// <summary>Denormalised from the dataset so the browser and the reports filter one table.</summary>
    public int WorkspaceId { get; set; }
    public long RowNumber { get; set; }
    public required string Title { get; set; }

    /// <summary>Core.Text.TitleNormalizer.Shipped's form: what grouping and the reports use.</summary>
    public required string NormalizedTitle { get; set; }
    public List<RecordLabel> Labels { get; set; } = [];
}

/// <summary>A record's label on one axis and where it came from.</summary>
public sealed class RecordLabel
{
    public long Id { get; set; }
    public long RecordId { get; set; }
    public DatasetRecord? Record { get; set; }
    public int AxisId { get; set; }
    public TaxonomyAxis? Axis { get; set; }
    public required string Label { get; set; }
    public LabelSource Source { get; set; }
}

/// <summary>What kind of label change a <see cref="LabelChangeSet"/> is.</summary>
public enum LabelChangeKind
{
    /// <summary>An analyst set one record's label.</summary>
    Edit,
    /// <summary>Every record of inconsistent titles set to its title's majority combination.</summary>
    RelabelToMajority,
    /// <summary>An earlier change put back.</summary>
    Undo,
    /// <summary>Records given the label the likely-label-errors report suggested.</summary>
    AcceptSuggestion,
    /// <summary>Taxonomy editor: a category added to an axis.</summary>
    AddCategory,
    /// <summary>Taxonomy editor: a category renamed; its records and corrections follow.</summary>
    RenameCategory,
    /// <summary>Taxonomy editor: a category merged into another.</summary>
    MergeCategories,
    /// <summary>Taxonomy editor: records matching titles or keywords moved from a category to a new one.</summary>
    SplitCategory,
    /// <summary>Taxonomy editor: a category put under another, or at the top.</summary>
    SetParent,
    /// <summary>Taxonomy editor: an axis cast into a new taxonomy by a mapping table.</summary>
    MapTaxonomy,
}

/// <summary>One change to records' labels, recorded as a whole so it is shown and undone as one.</summary>
public sealed class LabelChangeSet
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public LabelChangeKind Kind { get; set; }
    public required string Description { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long? UndoOfId { get; set; }
    public long? UndoneById { get; set; }

    /// <summary>The axis a taxonomy edit changed; null for label changes that are not taxonomy edits.</summary>
    public int? AxisId { get; set; }

    /// <summary>
    /// A taxonomy edit's categories before and after and the corrections it relabelled
    /// (<see cref="Features.Taxonomy.TaxonomyEditRecord"/>), as JSON: what its undo needs besides the record labels.
    /// </summary>
    public string? TaxonomyJson { get; set; }

    public List<LabelChange> Changes { get; set; } = [];
}

/// <summary>One record label before and after a change: the "before" is what an undo restores.</summary>
public sealed class LabelChange
{
    public long Id { get; set; }
    public long ChangeSetId { get; set; }
    public long RecordLabelId { get; set; }
    public required string OldLabel { get; set; }
    public LabelSource OldSource { get; set; }
    public required string NewLabel { get; set; }
    public LabelSource NewSource { get; set; }
}
