using System.Text.Json;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Web.Data;

namespace JobTitleStudio.Web.Features.Rules;

/// <summary>A stored rule as the Rules page and the API show it.</summary>
public sealed record RuleView(long Id, string Axis, string Keyword, string Category, int Priority, bool Enabled, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static RuleView From(KeywordRuleRow row) => new(row.Id, row.Axis, row.Keyword, row.Category, row.Priority, row.Enabled, row.UpdatedBy, row.UpdatedAt);
}

/// <summary>
/// The body of <c>POST /api/rules</c> (every field but <see cref="Enabled"/> required) and <c>PUT /api/rules/{id}</c>
/// (the fields given replace the rule's; the others stay).
/// </summary>
public sealed record RuleInput(string? Axis, string? Keyword, string? Category, int? Priority, bool? Enabled = null, string? Author = null);

/// <summary>A rule's fields at one moment: what a change stores before and after.</summary>
public sealed record RuleSnapshot(string Axis, string Keyword, string Category, int Priority, bool Enabled)
{
    public static RuleSnapshot Of(KeywordRuleRow row) => new(row.Axis, row.Keyword, row.Category, row.Priority, row.Enabled);

    public void ApplyTo(KeywordRuleRow row)
    {
        row.Axis = Axis;
        row.Keyword = Keyword;
        row.Category = Category;
        row.Priority = Priority;
        row.Enabled = Enabled;
    }

    public override string ToString() => $"\"{Keyword}\" → {Category} on {Axis} (priority {Priority}{(Enabled ? "" : ", disabled")})";
}

/// <summary>One rule in a recorded change: no <see cref="Before"/> when it was created, no <see cref="After"/> when it was deleted.</summary>
public sealed record RuleChangeEntry(long RuleId, RuleSnapshot? Before, RuleSnapshot? After)
{
    /// <summary>How the entries are stored: History searches the stored text for an axis, so it spells values the same way.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ToJson(IReadOnlyList<RuleChangeEntry> entries) => JsonSerializer.Serialize(entries, Json);

    public static IReadOnlyList<RuleChangeEntry> FromJson(string json) => JsonSerializer.Deserialize<List<RuleChangeEntry>>(json, Json) ?? [];
}

/// <summary>A recorded rule change as the change log shows it, with the rules before and after.</summary>
public sealed record RuleChangeView(long Id, string Kind, string Description, string Author, DateTimeOffset CreatedAt, IReadOnlyList<RuleChangeEntry> Rules, long? UndoOf, long? UndoneBy)
{
    public bool CanUndo => UndoneBy is null && UndoOf is null;

    public static RuleChangeView From(RuleChange change) => new(change.Id, change.Kind.ToString().ToLowerInvariant(), change.Description, change.Author,
        change.CreatedAt, RuleChangeEntry.FromJson(change.EntriesJson), change.UndoOfId, change.UndoneById);
}

/// <summary>An axis rules can be written for, with the names of its categories.</summary>
public sealed record RuleAxisView(string Name, IReadOnlyList<string> Categories, int Rules);

/// <summary>A rule that matched a title, where, and why it counts.</summary>
public sealed record RuleMatchView(long? RuleId, string Keyword, string Category, int Priority, string MatchedText, int Start, int Length, string Reason);

/// <summary>One axis of a tested title: the rules that matched (winner first), and the live model's answer beside them.</summary>
/// <param name="Agrees">Whether the winning rule's category is the model's; null when no rule matched or there is no model.</param>
public sealed record RuleAxisTest(string Axis, string? Category, RuleMatchView? Winner, IReadOnlyList<RuleMatchView> Matches, bool Conflict,
    string? ModelCategory, float? ModelProbability, bool? Agrees);

/// <summary>The answer of the rule tester for one title.</summary>
/// <param name="ModelNote">Why the model's answer is missing, when it is.</param>
public sealed record RuleTestView(string Title, IReadOnlyList<RuleAxisTest> Axes, string? ModelNote);

/// <summary>The body of <c>POST /api/rules/test</c>.</summary>
public sealed record RuleTestInput(string? Title);

/// <summary>What an import would do (or did): rules new to the workspace, rules it has already, rows that cannot be rules.</summary>
public sealed record RuleImportPreview(
    string FileName, string Axis, int New, int Duplicates, int Invalid,
    IReadOnlyList<RuleSnapshot> NewRules, IReadOnlyList<string> DuplicateKeywords, IReadOnlyList<RuleImportError> Errors, RuleChangeView? Applied);
