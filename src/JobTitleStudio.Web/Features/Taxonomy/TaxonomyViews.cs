using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;

namespace JobTitleStudio.Web.Features.Taxonomy;

/// <summary>A category in the editor's tree: its parent, how many records carry it, and its depth under the roots.</summary>
public sealed record CategoryView(string Name, string? Parent, long Records, int Depth);

/// <summary>One axis of the workspace's taxonomy as a tree, parents before their children.</summary>
public sealed record AxisTaxonomyView(int Id, string Name, IReadOnlyList<CategoryView> Categories)
{
    public long Records => Categories.Sum(c => c.Records);
}

/// <summary>The workspace's taxonomy: every axis its datasets define, in import order.</summary>
public sealed record TaxonomyView(string Workspace, IReadOnlyList<AxisTaxonomyView> Axes);

/// <summary>
/// What an edit does (a preview) or did (once applied, <see cref="ChangeId"/> names its entry in the history, which can undo it).
/// </summary>
public sealed record TaxonomyPlanView(
    string Axis, string Kind, string Description, long RecordsAffected, int CorrectionsFollowing,
    IReadOnlyList<LabelMove> Moves, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Warnings,
    bool Applied, long? ChangeId)
{
    /// <summary>Why the live model does not change at once: it learned the old categories.</summary>
    public const string LiveModelNote =
        "Records and corrections follow at once; live predictions follow once a model version trained after this change is made live in Models.";

    public string Note => LiveModelNote;
}

/// <summary>An edit of one axis's taxonomy, as the page and the API ask for it.</summary>
public abstract record TaxonomyEdit(LabelChangeKind Kind);

public sealed record AddCategoryEdit(string? Name, string? Parent) : TaxonomyEdit(LabelChangeKind.AddCategory);

public sealed record RenameEdit(string? Category, string? NewName) : TaxonomyEdit(LabelChangeKind.RenameCategory);

public sealed record MergeEdit(string? Category, string? Into) : TaxonomyEdit(LabelChangeKind.MergeCategories);

/// <summary>Moves the records of <paramref name="Category"/> whose title is one of <paramref name="Titles"/> or that a keyword matches to a new category.</summary>
public sealed record SplitEdit(string? Category, string? NewName, IReadOnlyList<string>? Titles, IReadOnlyList<string>? Keywords, string? Parent = null)
    : TaxonomyEdit(LabelChangeKind.SplitCategory);

/// <summary>Puts <paramref name="Category"/> under <paramref name="Parent"/>, or at the top when it is empty.</summary>
public sealed record ParentEdit(string? Category, string? Parent) : TaxonomyEdit(LabelChangeKind.SetParent);

public sealed record MapEdit(IReadOnlyList<CategoryMappingRow> Rows) : TaxonomyEdit(LabelChangeKind.MapTaxonomy);

/// <summary>A correction's labels before a taxonomy edit relabelled it and after, so an undo can put them back.</summary>
public sealed record CorrectionRelabel(long Id, string OldLabel, string NewLabel, string MovedOldLabel, string MovedNewLabel);

/// <summary>A keyword rule's category before a taxonomy edit moved it and after, so an undo can put it back.</summary>
public sealed record RuleRelabel(long Id, string Category, string MovedCategory);

/// <summary>What a taxonomy edit stores besides the record labels it replaced (<see cref="LabelChangeSet.TaxonomyJson"/>).</summary>
/// <param name="Rules">Null in edits recorded before keyword rules followed them.</param>
public sealed record TaxonomyEditRecord(IReadOnlyList<TaxonomyNode> Before, IReadOnlyList<TaxonomyNode> After, IReadOnlyList<LabelMove> Moves,
    IReadOnlyList<CorrectionRelabel> Corrections, IReadOnlyList<RuleRelabel>? Rules = null)
{
    public TaxonomyPlan Plan(string description) => new(description, Before, After, Moves, 0, []);
}
