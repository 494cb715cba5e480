using System.Globalization;
using System.Text.Json;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Reports;
using JobTitleStudio.Web.Features.Rules;
using JobTitleStudio.Web.Features.Taxonomy;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.History;

/// <summary>The four kinds of change History lists; the <c>kind</c> filter takes their names.</summary>
public static class HistoryKinds
{
    /// <summary>An analyst's correction of a title (or its confirmation, or its undo): what the live model learns.</summary>
    public const string Correction = "correction";

    /// <summary>A change to records' labels: an edit in Datasets, relabel to majority, an undo of either.</summary>
    public const string Label = "label";

    /// <summary>A taxonomy editor change (add, rename, merge, split, parent, mapping) or its undo.</summary>
    public const string Taxonomy = "taxonomy";

    /// <summary>A keyword rule change (create, edit, enable, disable, delete, import) or its undo.</summary>
    public const string Rule = "rule";

    public static IReadOnlyList<string> All { get; } = [Correction, Label, Taxonomy, Rule];
}

/// <summary>
/// One change in the history. <see cref="Id"/> is <c>C&lt;n&gt;</c> for correction n, <c>L&lt;n&gt;</c> for label
/// change n and <c>R&lt;n&gt;</c> for rule change n; <see cref="Records"/> is how many records it changed (null for a
/// correction, which changes the model, and for a rule change).
/// </summary>
public sealed record HistoryEntry(
    string Id, string Kind, string Change, DateTimeOffset CreatedAt, string Author, string? Axis, string? Title,
    string? Before, string? After, string Description, long? Records, string? UndoOf, string? UndoneBy)
{
    public bool CanUndo => UndoneBy is null && Change != "Undo";
}

public sealed record HistoryQuery(string? Kind = null, string? Axis = null, string? Text = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

public sealed record HistoryResults(IReadOnlyList<HistoryEntry> Items, int Total);

/// <summary>What an undo did, in words, and the new history entry that records it.</summary>
public sealed record HistoryUndoResult(string Id, string Message);

/// <summary>
/// History: every correction, label change, taxonomy change and rule change of a workspace in one list, newest first,
/// filtered by kind, axis, text and time, exported as CSV, and undone from one place.
/// </summary>
public sealed class HistoryService(
    IDbContextFactory<AppDbContext> databases, CorrectionService corrections, InconsistencyService labelChanges, TaxonomyService taxonomy, RuleService rules)
{
    public static readonly string[] ExportColumns =
        ["id", "created_at", "kind", "change", "author", "axis", "title", "before", "after", "description", "records", "undo_of", "undone_by"];

    public async Task<HistoryResults> SearchAsync(int workspaceId, HistoryQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var (correctionRows, sets, ruleChanges) = await FilterAsync(db, workspaceId, query, cancellationToken);
        var total = await CountAsync(correctionRows, cancellationToken) + await CountAsync(sets, cancellationToken) + await CountAsync(ruleChanges, cancellationToken);
        // Every list is newest first: the page is the merge of the first skip+take of each.
        var wanted = skip + take;
        var newestCorrections = correctionRows is null ? [] : await correctionRows.OrderByDescending(c => c.Id).Take(wanted).ToListAsync(cancellationToken);
        var newestSets = sets is null ? [] : await sets.OrderByDescending(s => s.Id).Take(wanted).ToListAsync(cancellationToken);
        var newestRuleChanges = ruleChanges is null ? [] : await ruleChanges.OrderByDescending(c => c.Id).Take(wanted).ToListAsync(cancellationToken);
        var entries = await EntriesAsync(db, workspaceId, newestCorrections, newestSets, newestRuleChanges, cancellationToken);
        return new HistoryResults([.. entries.Skip(skip).Take(take)], total);
    }

    /// <summary>Writes every entry matching the query, newest first, as CSV with spreadsheet formulas neutralised.</summary>
    public async Task ExportCsvAsync(int workspaceId, HistoryQuery query, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var (correctionRows, sets, ruleChanges) = await FilterAsync(db, workspaceId, query, cancellationToken);
        var entries = await EntriesAsync(db, workspaceId,
            correctionRows is null ? [] : await correctionRows.ToListAsync(cancellationToken),
            sets is null ? [] : await sets.ToListAsync(cancellationToken),
            ruleChanges is null ? [] : await ruleChanges.ToListAsync(cancellationToken), cancellationToken);
        // The writer is synchronous and the response stream refuses synchronous writes: buffer, then copy.
        using var buffer = new MemoryStream();
        using (var table = TableWriter.Create(buffer, TableFileFormat.Csv, new TableWriteOptions { Utf8Bom = true }, leaveOpen: true))
        {
            table.WriteRow(ExportColumns);
            foreach (var e in entries)
            {
                table.WriteRow([e.Id, e.CreatedAt.ToString("O", CultureInfo.InvariantCulture), e.Kind, e.Change, e.Author, e.Axis, e.Title, e.Before, e.After,
                    e.Description, e.Records?.ToString(CultureInfo.InvariantCulture), e.UndoOf, e.UndoneBy]);
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <summary>The axes History can filter by: the workspace's taxonomy axes, then any other axis its live model or corrections name.</summary>
    public async Task<IReadOnlyList<string>> AxesAsync(LiveWorkspace workspace, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var axes = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == workspace.Id).OrderBy(a => a.Position).Select(a => a.Name).ToListAsync(cancellationToken);
        var corrected = await db.Corrections.AsNoTracking().Where(c => c.WorkspaceId == workspace.Id).Select(c => c.Axis).Distinct().ToListAsync(cancellationToken);
        return [.. axes.Concat(workspace.Model?.Axes.Select(a => a.Name) ?? []).Concat(corrected.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Undoes the entry <paramref name="id"/> (C&lt;n&gt;, L&lt;n&gt; or R&lt;n&gt;) the way its kind is undone.</summary>
    /// <exception cref="StudioProblem">An id of no such form (400), no such entry (404), or it cannot be undone (409).</exception>
    public async Task<HistoryUndoResult> UndoAsync(LiveWorkspace workspace, string id, string author, CancellationToken cancellationToken = default)
    {
        if (id.Length < 2 || !long.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || char.ToUpperInvariant(id[0]) is not ('C' or 'L' or 'R'))
        {
            throw StudioProblem.BadRequest(
                $"\"{id}\" is not a history entry: use C<number> for a correction, L<number> for a label or taxonomy change or R<number> for a rule change.");
        }
        if (char.ToUpperInvariant(id[0]) == 'C')
        {
            var undone = await corrections.UndoAsync(workspace, number, author, "history", cancellationToken);
            return new HistoryUndoResult(CorrectionId(undone.Correction.Id), $"\"{undone.Correction.Title}\" is {undone.Correction.NewLabel} again on {undone.Correction.Axis}.");
        }
        if (char.ToUpperInvariant(id[0]) == 'R')
        {
            var undone = await rules.UndoAsync(workspace, number, author, cancellationToken);
            return new HistoryUndoResult(RuleChangeId(undone.Id), $"{undone.Description}.");
        }
        LabelChangeKind kind;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            kind = await db.LabelChangeSets.Where(s => s.Id == number && s.WorkspaceId == workspace.Id).Select(s => (LabelChangeKind?)s.Kind).SingleOrDefaultAsync(cancellationToken)
                ?? throw StudioProblem.NotFound($"There is no change {id} in workspace {workspace.Name}.");
        }
        if (TaxonomyService.IsTaxonomyEdit(kind))
        {
            var undone = await taxonomy.UndoAsync(workspace.Id, number, author, cancellationToken);
            return new HistoryUndoResult(ChangeId(undone.ChangeId!.Value), $"{undone.Description}: {undone.RecordsAffected:N0} records changed back.");
        }
        var view = await labelChanges.UndoAsync(workspace.Id, number, author, cancellationToken);
        return new HistoryUndoResult(ChangeId(view.Id), $"{view.Description}: {view.RecordsChanged:N0} records changed back.");
    }

    private static async Task<(IQueryable<Correction>? Corrections, IQueryable<LabelChangeSet>? Sets, IQueryable<RuleChange>? RuleChanges)> FilterAsync(
        AppDbContext db, int workspaceId, HistoryQuery query, CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrWhiteSpace(query.Kind) ? null : query.Kind.Trim().ToLowerInvariant();
        if (kind is not null && !HistoryKinds.All.Contains(kind))
        {
            throw StudioProblem.BadRequest($"kind is \"{query.Kind}\"; use {string.Join(", ", HistoryKinds.All)}.");
        }
        var correctionRows = kind is null or HistoryKinds.Correction
            ? CorrectionService.Filter(db, workspaceId, new CorrectionQuery(query.Axis, query.Text, query.From, query.To))
            : null;
        var ruleChanges = kind is null or HistoryKinds.Rule ? FilterRuleChanges(db, workspaceId, query) : null;
        if (kind is HistoryKinds.Correction or HistoryKinds.Rule)
        {
            return (correctionRows, null, ruleChanges);
        }
        var sets = db.LabelChangeSets.AsNoTracking().Where(s => s.WorkspaceId == workspaceId);
        sets = kind switch
        {
            HistoryKinds.Taxonomy => sets.Where(s => s.AxisId != null),
            HistoryKinds.Label => sets.Where(s => s.AxisId == null),
            _ => sets,
        };
        if (!string.IsNullOrWhiteSpace(query.Axis))
        {
            // An axis only the live model or corrections know has no record labels, so no label change is on it.
            var axisId = await db.Axes.Where(a => a.WorkspaceId == workspaceId && a.Name == query.Axis).Select(a => a.Id).SingleOrDefaultAsync(cancellationToken);
            sets = sets.Where(s => s.AxisId == axisId
                || (s.AxisId == null && db.LabelChanges.Any(c => c.ChangeSetId == s.Id && db.RecordLabels.Any(l => l.Id == c.RecordLabelId && l.AxisId == axisId))));
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = $"%{query.Text.Trim()}%";
            sets = sets.Where(s => EF.Functions.Like(s.Description, pattern) || EF.Functions.Like(s.Author, pattern));
        }
        if (query.From is { } from)
        {
            sets = sets.Where(s => s.CreatedAt >= from);
        }
        if (query.To is { } to)
        {
            sets = sets.Where(s => s.CreatedAt < to);
        }
        return (correctionRows, sets, ruleChanges);
    }

    private static IQueryable<RuleChange> FilterRuleChanges(AppDbContext db, int workspaceId, HistoryQuery query)
    {
        var changes = db.RuleChanges.AsNoTracking().Where(c => c.WorkspaceId == workspaceId);
        if (!string.IsNullOrWhiteSpace(query.Axis))
        {
            // The rules a change touched are JSON read whole; their axis is a property of it, spelled as the serializer spells it.
            var axis = $"%{LikeLiteral($"\"axis\":{JsonSerializer.Serialize(query.Axis.Trim(), RuleChangeEntry.Json)}")}%";
            changes = changes.Where(c => EF.Functions.Like(c.EntriesJson, axis, LikeEscape));
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = $"%{LikeLiteral(query.Text.Trim())}%";
            changes = changes.Where(c => EF.Functions.Like(c.Description, pattern, LikeEscape) || EF.Functions.Like(c.Author, pattern, LikeEscape));
        }
        if (query.From is { } from)
        {
            changes = changes.Where(c => c.CreatedAt >= from);
        }
        if (query.To is { } to)
        {
            changes = changes.Where(c => c.CreatedAt < to);
        }
        return changes;
    }

    private const string LikeEscape = "!";

    private static string LikeLiteral(string text) => text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);

    /// <summary>Every kind as entries, newest first.</summary>
    private static async Task<List<HistoryEntry>> EntriesAsync(AppDbContext db, int workspaceId, List<Correction> correctionRows, List<LabelChangeSet> sets,
        List<RuleChange> ruleChanges, CancellationToken cancellationToken)
    {
        var setIds = sets.Select(s => s.Id).ToList();
        var records = (await (from c in db.LabelChanges
                              join l in db.RecordLabels on c.RecordLabelId equals l.Id
                              where setIds.Contains(c.ChangeSetId)
                              select new { c.ChangeSetId, l.RecordId }).Distinct().ToListAsync(cancellationToken))
            .GroupBy(c => c.ChangeSetId).ToDictionary(g => g.Key, g => (long)g.Count());
        var axes = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var entries = correctionRows.Select(c => new HistoryEntry(
                CorrectionId(c.Id), HistoryKinds.Correction, c.Kind.ToString(), c.CreatedAt, c.Author, c.Axis, c.Title, c.OldLabel, c.NewLabel,
                c.Kind switch
                {
                    CorrectionKind.Undo => $"Undo of correction C{c.UndoOfId}: \"{c.Title}\" back to {c.NewLabel} on {c.Axis}",
                    CorrectionKind.Confirmation => $"\"{c.Title}\" confirmed as {c.NewLabel} on {c.Axis} ({c.Source})",
                    _ => $"\"{c.Title}\" corrected from {c.OldLabel} to {c.NewLabel} on {c.Axis} ({c.Source})",
                },
                null, c.UndoOfId is { } of ? CorrectionId(of) : null, c.UndoneById is { } by ? CorrectionId(by) : null))
            .Concat(sets.Select(s => new HistoryEntry(
                ChangeId(s.Id), s.AxisId is null ? HistoryKinds.Label : HistoryKinds.Taxonomy, s.Kind.ToString(), s.CreatedAt, s.Author,
                s.AxisId is { } axis ? axes.GetValueOrDefault(axis) : null, null, null, null, s.Description, records.GetValueOrDefault(s.Id),
                s.UndoOfId is { } of ? ChangeId(of) : null, s.UndoneById is { } by ? ChangeId(by) : null)))
            .Concat(ruleChanges.Select(RuleEntry));
        return [.. entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal)];
    }

    /// <summary>A rule change; its axis and categories when every rule it touched shares them (an import may span axes).</summary>
    private static HistoryEntry RuleEntry(RuleChange change)
    {
        var rules = RuleChangeEntry.FromJson(change.EntriesJson);
        var axes = rules.Select(r => (r.After ?? r.Before)!.Axis).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var single = rules.Count == 1 ? rules[0] : null;
        return new HistoryEntry(RuleChangeId(change.Id), HistoryKinds.Rule, change.Kind.ToString(), change.CreatedAt, change.Author,
            axes.Count == 1 ? axes[0] : null, single is null ? null : (single.After ?? single.Before)!.Keyword, single?.Before?.Category, single?.After?.Category,
            change.Description, null, change.UndoOfId is { } of ? RuleChangeId(of) : null, change.UndoneById is { } by ? RuleChangeId(by) : null);
    }

    private static async Task<int> CountAsync<T>(IQueryable<T>? rows, CancellationToken cancellationToken) => rows is null ? 0 : await rows.CountAsync(cancellationToken);

    private static string CorrectionId(long id) => string.Create(CultureInfo.InvariantCulture, $"C{id}");

    private static string ChangeId(long id) => string.Create(CultureInfo.InvariantCulture, $"L{id}");

    private static string RuleChangeId(long id) => string.Create(CultureInfo.InvariantCulture, $"R{id}");
}
