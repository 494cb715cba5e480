namespace JobTitleStudio.Web.Data;

/// <summary>
/// A keyword rule of a workspace: keyword or phrase → category on an axis, with a priority (lower wins). The axis and
/// category are stored by name because Default's axes come from its model, not from imported datasets.
/// </summary>
public sealed class KeywordRuleRow
{
    public const int MaxKeywordLength = 200;

    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Axis { get; set; }
    public required string Keyword { get; set; }
    public required string Category { get; set; }
    public int Priority { get; set; }

    /// <summary>A disabled rule is kept but never fires: a way to try a rule set without losing a rule.</summary>
    public bool Enabled { get; set; } = true;
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What kind of change a <see cref="RuleChange"/> is.</summary>
public enum RuleChangeKind
{
    Create,
    Edit,
    Delete,
    Enable,
    Disable,
    Import,
    Undo,
}

/// <summary>
/// One recorded change to a workspace's rules (one rule, or every rule of an import), with each rule before and after
/// as JSON (<see cref="Features.Rules.RuleChangeEntry"/>), so it is shown and undone as one.
/// </summary>
public sealed class RuleChange
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public RuleChangeKind Kind { get; set; }
    public required string Description { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Every rule the change touched: read whole, never queried.</summary>
    public required string EntriesJson { get; set; }
    public long? UndoOfId { get; set; }
    public long? UndoneById { get; set; }
}
