using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;

namespace JobTitleStudio.Web.Features.Taxonomy;

/// <summary>A category in the editor's tree: its parent, how many records carry it, and its depth under the roots.</summary>
/// <param name="DisplayName">The live model's name for the category when it has one besides the category (an O*NET code's title).</param>
public sealed record CategoryView(string Name, string? Parent, long Records, int Depth, string? DisplayName = null);

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
    /// <summary>How predictions follow: the live model learned the old categories, so its answers are mapped onto the new ones.</summary>
    public const string MappedPredictionsNote = "Records, corrections, keyword rules and past predictions follow at once. " + LiveCategoryMaps.Note;

    /// <summary>A split's new category is one the live model has never seen: no mapping can answer it.</summary>
    public const string SplitNote =
        " The live model cannot answer a split's new category: train a version after the split and make it live in Models for it to be predicted.";

    public string Note => Kind == nameof(LabelChangeKind.SplitCategory) ? MappedPredictionsNote + SplitNote : MappedPredictionsNote;
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

/// <summary>
/// Rows of the prediction history a taxonomy edit relabelled from <paramref name="From"/> to <paramref name="To"/>: those
/// whose label it changed and those whose keyword rules' label it changed, so an undo can put exactly them back.
/// </summary>
public sealed record PredictionRelabel(string From, string To, IReadOnlyList<long> Labels, IReadOnlyList<long> RuleLabels);

/// <summary>
/// Likely label errors found before a taxonomy edit that it relabelled from <paramref name="From"/> to <paramref name="To"/>:
/// those whose label, and those whose suggestion, it changed, so accepting a suggestion never brings back a removed
/// category and an undo puts exactly them back.
/// </summary>
public sealed record FindingRelabel(string From, string To, IReadOnlyList<long> Labels, IReadOnlyList<long> Suggestions);

/// <summary>What a taxonomy edit stores besides the record labels it replaced (<see cref="LabelChangeSet.TaxonomyJson"/>).</summary>
/// <param name="Rules">Null in edits recorded before keyword rules followed them.</param>
/// <param name="Predictions">Null in edits recorded before the prediction history followed them.</param>
/// <param name="Findings">Null in edits recorded before likely label errors followed them.</param>
public sealed record TaxonomyEditRecord(IReadOnlyList<TaxonomyNode> Before, IReadOnlyList<TaxonomyNode> After, IReadOnlyList<LabelMove> Moves,
    IReadOnlyList<CorrectionRelabel> Corrections, IReadOnlyList<RuleRelabel>? Rules = null, IReadOnlyList<PredictionRelabel>? Predictions = null,
    IReadOnlyList<FindingRelabel>? Findings = null)
{
    public TaxonomyPlan Plan(string description) => new(description, Before, After, Moves, 0, []);
}
