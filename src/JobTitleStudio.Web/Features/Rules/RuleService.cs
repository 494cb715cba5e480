using System.Collections.Concurrent;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Rules;

/// <summary>
/// A workspace's keyword rules: list, create, edit, delete, enable and disable, each recorded as a change that can be
/// undone; the tester; and the compiled rule set Lookup and the reports read, rebuilt after every change.
/// </summary>
public sealed class RuleService(IDbContextFactory<AppDbContext> databases, WorkspaceModels workspaces)
{
    public const int MaxPriority = 1_000_000;

    /// <summary>Compiled enabled rules per workspace id, with the id of each rule; dropped on every change of that workspace.</summary>
    private readonly ConcurrentDictionary<int, Task<CompiledRules>> _compiled = new();

    public Task<LiveWorkspace> WorkspaceAsync(string? name, CancellationToken cancellationToken = default) => workspaces.FindAsync(name, cancellationToken);

    /// <summary>
    /// The axes rules can be written for: the live model's (Default's Occupation, Function, Level) and those the
    /// workspace's datasets brought, with the categories of both.
    /// </summary>
    public async Task<IReadOnlyList<AxisDefinition>> AxesAsync(LiveWorkspace workspace, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var stored = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == workspace.Id).OrderBy(a => a.Position)
            .Select(a => new { a.Name, Categories = a.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToList() })
            .ToListAsync(cancellationToken);
        var axes = new List<AxisDefinition>(workspace.Model?.Axes ?? []);
        foreach (var axis in stored)
        {
            var index = axes.FindIndex(a => string.Equals(a.Name, axis.Name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                axes.Add(new AxisDefinition(axis.Name, axis.Categories.Select(c => new CategoryDefinition(c))));
            }
            else if (axis.Categories.Any(c => !axes[index].TryIndexOf(c, out _)))
            {
                // An imported label the model has not learned yet is still a category a rule may give.
                var model = axes[index];
                axes[index] = new AxisDefinition(model.Name,
                    [.. model.Categories, .. axis.Categories.Where(c => !model.TryIndexOf(c, out _)).Select(c => new CategoryDefinition(c))],
                    model.MultiLabel, model.OtherCategory, model.Threshold);
            }
        }
        return axes;
    }

    public async Task<IReadOnlyList<RuleAxisView>> AxisViewsAsync(LiveWorkspace workspace, CancellationToken cancellationToken = default)
    {
        var axes = await AxesAsync(workspace, cancellationToken);
        var rules = await ListAsync(workspace, cancellationToken: cancellationToken);
        return [.. axes.Select(a => new RuleAxisView(a.Name, [.. a.Categories.Select(c => c.Name)],
            rules.Count(r => string.Equals(r.Axis, a.Name, StringComparison.OrdinalIgnoreCase))))];
    }

    /// <summary>The workspace's rules, of one axis when <paramref name="axis"/> is given, by axis then priority (the order they win in).</summary>
    public async Task<IReadOnlyList<RuleView>> ListAsync(LiveWorkspace workspace, string? axis = null, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.KeywordRules.AsNoTracking().Where(r => r.WorkspaceId == workspace.Id).ToListAsync(cancellationToken);
        return [.. rows
            .Where(r => string.IsNullOrWhiteSpace(axis) || string.Equals(r.Axis, axis.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Axis, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Priority).ThenBy(r => r.Id)
            .Select(RuleView.From)];
    }

    public async Task<RuleView> CreateAsync(LiveWorkspace workspace, RuleInput input, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Priority is null)
        {
            throw StudioProblem.BadRequest("The rule needs a priority: a whole number, lower wins (1 beats 10).");
        }
        var snapshot = await ValidateAsync(workspace, new RuleSnapshot(input.Axis ?? "", input.Keyword ?? "", input.Category ?? "", input.Priority.Value, input.Enabled ?? true), null, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = new KeywordRuleRow
        {
            WorkspaceId = workspace.Id, Axis = "", Keyword = "", Category = "", UpdatedBy = author, UpdatedAt = DateTimeOffset.UtcNow,
        };
        snapshot.ApplyTo(row);
        db.KeywordRules.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(db, workspace, RuleChangeKind.Create, $"Added {snapshot}", author, [new RuleChangeEntry(row.Id, null, snapshot)], cancellationToken);
        return RuleView.From(row);
    }

    /// <summary>Replaces the fields <paramref name="input"/> gives; an edit that changes nothing is not recorded.</summary>
    public async Task<RuleView> UpdateAsync(LiveWorkspace workspace, long id, RuleInput input, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await FindAsync(db, workspace, id, cancellationToken);
        var before = RuleSnapshot.Of(row);
        var wanted = new RuleSnapshot(input.Axis ?? before.Axis, input.Keyword ?? before.Keyword, input.Category ?? before.Category,
            input.Priority ?? before.Priority, input.Enabled ?? before.Enabled);
        var after = await ValidateAsync(workspace, wanted, id, cancellationToken);
        if (after == before)
        {
            return RuleView.From(row);
        }
        var kind = after with { Enabled = before.Enabled } == before ? (after.Enabled ? RuleChangeKind.Enable : RuleChangeKind.Disable) : RuleChangeKind.Edit;
        after.ApplyTo(row);
        row.UpdatedBy = author;
        row.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        var description = kind switch
        {
            RuleChangeKind.Enable => $"Enabled {after}",
            RuleChangeKind.Disable => $"Disabled {before}",
            _ => $"Changed {before} to {after}",
        };
        await RecordAsync(db, workspace, kind, description, author, [new RuleChangeEntry(id, before, after)], cancellationToken);
        return RuleView.From(row);
    }

    public async Task DeleteAsync(LiveWorkspace workspace, long id, string author, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await FindAsync(db, workspace, id, cancellationToken);
        var before = RuleSnapshot.Of(row);
        db.KeywordRules.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(db, workspace, RuleChangeKind.Delete, $"Deleted {before}", author, [new RuleChangeEntry(id, before, null)], cancellationToken);
    }

    /// <summary>Stores the rules of an import as one change.</summary>
    internal async Task<RuleChangeView> AddManyAsync(LiveWorkspace workspace, IReadOnlyList<RuleSnapshot> rules, string description, string author, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var rows = rules.Select(r =>
        {
            var row = new KeywordRuleRow { WorkspaceId = workspace.Id, Axis = "", Keyword = "", Category = "", UpdatedBy = author, UpdatedAt = now };
            r.ApplyTo(row);
            return row;
        }).ToList();
        db.KeywordRules.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        return await RecordAsync(db, workspace, RuleChangeKind.Import, description, author,
            [.. rows.Select(r => new RuleChangeEntry(r.Id, null, RuleSnapshot.Of(r)))], cancellationToken);
    }

    /// <summary>The workspace's rule changes, newest first.</summary>
    public async Task<IReadOnlyList<RuleChangeView>> ChangesAsync(LiveWorkspace workspace, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var changes = await db.RuleChanges.AsNoTracking().Where(c => c.WorkspaceId == workspace.Id)
            .OrderByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken);
        return [.. changes.Select(RuleChangeView.From)];
    }

    /// <summary>
    /// Puts every rule of a change back as it was before it, recorded as a new change marked as its undo. Refused when a
    /// rule changed again since, because putting it back would silently throw the later change away.
    /// </summary>
    public async Task<RuleChangeView> UndoAsync(LiveWorkspace workspace, long changeId, string author, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var change = await db.RuleChanges.SingleOrDefaultAsync(c => c.Id == changeId && c.WorkspaceId == workspace.Id, cancellationToken)
            ?? throw StudioProblem.NotFound($"There is no rule change {changeId} in workspace {workspace.Name}.");
        if (change.UndoneById is { } undoneBy)
        {
            throw StudioProblem.Conflict($"Rule change {changeId} was undone already (by change {undoneBy}).");
        }
        if (change.UndoOfId is { } undoOf)
        {
            throw StudioProblem.Conflict($"Rule change {changeId} is the undo of change {undoOf}; make the rule again instead of undoing an undo.");
        }
        var entries = RuleChangeEntry.FromJson(change.EntriesJson);
        var ids = entries.Select(e => e.RuleId).ToList();
        var rows = await db.KeywordRules.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var entry in entries)
        {
            var current = rows.TryGetValue(entry.RuleId, out var row) ? RuleSnapshot.Of(row) : null;
            if (current != entry.After)
            {
                throw StudioProblem.Conflict(
                    $"Rule change {changeId} cannot be undone: the rule {entry.After?.ToString() ?? entry.Before!.ToString()} changed again since. Undo the later change first.");
            }
        }
        var now = DateTimeOffset.UtcNow;
        var undo = new List<RuleChangeEntry>();
        foreach (var entry in entries)
        {
            if (entry.Before is null)
            {
                db.KeywordRules.Remove(rows[entry.RuleId]);
            }
            else if (entry.After is null)
            {
                // The same id again, so later changes and links that name the rule still find it.
                var row = new KeywordRuleRow { Id = entry.RuleId, WorkspaceId = workspace.Id, Axis = "", Keyword = "", Category = "", UpdatedBy = author, UpdatedAt = now };
                entry.Before.ApplyTo(row);
                db.KeywordRules.Add(row);
            }
            else
            {
                var row = rows[entry.RuleId];
                entry.Before.ApplyTo(row);
                row.UpdatedBy = author;
                row.UpdatedAt = now;
            }
            undo.Add(new RuleChangeEntry(entry.RuleId, entry.After, entry.Before));
        }
        await db.SaveChangesAsync(cancellationToken);
        var recorded = await RecordAsync(db, workspace, RuleChangeKind.Undo, $"Undid: {change.Description}", author, undo, cancellationToken, undoOf: change);
        return recorded;
    }

    /// <summary>What the rules say about a title on every axis that has rules, with the live model's answer beside it.</summary>
    public async Task<RuleTestView> TestAsync(LiveWorkspace workspace, string? title, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw StudioProblem.BadRequest("Type a title to test, such as \"Chief Information Security Officer\".");
        }
        var compiled = await CompiledAsync(workspace, cancellationToken);
        var model = workspace.Model;
        var prediction = model?.Predict(title, new PredictionOptions { TopN = 1 });
        var axes = await AxesAsync(workspace, cancellationToken);
        var tested = axes.Select(a => a.Name)
            .Concat(compiled.Rules.Axes.Where(r => !axes.Any(a => string.Equals(a.Name, r, StringComparison.OrdinalIgnoreCase))))
            .Select(axis =>
            {
                var evaluation = compiled.Evaluate(title, axis);
                var predicted = prediction?.Axes.FirstOrDefault(p => string.Equals(p.Axis, axis, StringComparison.OrdinalIgnoreCase));
                var matches = evaluation?.Matches.Select(m => compiled.View(m)).ToList() ?? [];
                return new RuleAxisTest(axis, evaluation?.Category, matches.FirstOrDefault(), matches, evaluation?.HasConflict ?? false,
                    predicted?.Label, predicted?.Probability,
                    evaluation?.Category is { } category && predicted is not null ? string.Equals(category, predicted.Label, StringComparison.Ordinal) : null);
            })
            .ToList();
        return new RuleTestView(title.Trim(), tested, model is null ? workspace.Status.Detail : null);
    }

    /// <summary>The enabled rules compiled, cached until the next change.</summary>
    public async Task<CompiledRules> CompiledAsync(LiveWorkspace workspace, CancellationToken cancellationToken = default)
    {
        var compiling = _compiled.GetOrAdd(workspace.Id, CompileAsync);
        try
        {
            return await compiling.WaitAsync(cancellationToken);
        }
        catch (Exception) when (compiling.IsFaulted)
        {
            // A failed read (the database busy, say) must not be cached: the next caller tries again.
            _compiled.TryRemove(new KeyValuePair<int, Task<CompiledRules>>(workspace.Id, compiling));
            throw;
        }
    }

    /// <summary>Drops the compiled rules of a workspace whose rules another feature changed; call it after the commit.</summary>
    public void Forget(int workspaceId) => _compiled.TryRemove(workspaceId, out _);

    private async Task<CompiledRules> CompileAsync(int workspaceId)
    {
        await using var db = await databases.CreateDbContextAsync();
        var rows = await db.KeywordRules.AsNoTracking().Where(r => r.WorkspaceId == workspaceId && r.Enabled).OrderBy(r => r.Id).ToListAsync();
        return CompiledRules.From(rows);
    }

    private async Task<KeywordRuleRow> FindAsync(AppDbContext db, LiveWorkspace workspace, long id, CancellationToken cancellationToken) =>
        await db.KeywordRules.SingleOrDefaultAsync(r => r.Id == id && r.WorkspaceId == workspace.Id, cancellationToken)
            ?? throw StudioProblem.NotFound($"There is no rule {id} in workspace {workspace.Name}.");

    /// <summary>The rule with its axis and category spelled as the taxonomy spells them, or a 400/409 problem saying what to fix.</summary>
    private async Task<RuleSnapshot> ValidateAsync(LiveWorkspace workspace, RuleSnapshot rule, long? id, CancellationToken cancellationToken)
    {
        var axes = await AxesAsync(workspace, cancellationToken);
        if (axes.Count == 0)
        {
            throw StudioProblem.BadRequest($"Workspace {workspace.Name} has no axes yet: import a labelled file in Datasets, then write rules for its axes.");
        }
        var problems = new List<string>();
        AxisDefinition? axis = null;
        try
        {
            axis = TaxonomyNames.Axis(axes, rule.Axis, workspace.Name);
        }
        catch (StudioProblem problem)
        {
            problems.Add(problem.Message);
        }
        var keyword = rule.Keyword.Trim();
        if (KeywordSyntax.Problem(keyword) is { } keywordProblem)
        {
            problems.Add($"The keyword cannot match a title: {keywordProblem}.");
        }
        else if (keyword.Length > KeywordRuleRow.MaxKeywordLength)
        {
            problems.Add($"The keyword has {keyword.Length} characters; a rule's keyword has at most {KeywordRuleRow.MaxKeywordLength}.");
        }
        var category = rule.Category.Trim();
        if (category.Length == 0)
        {
            problems.Add("The category is empty: choose the category the rule gives.");
        }
        else if (axis is not null)
        {
            try
            {
                category = TaxonomyNames.Category(axis, category, workspace.Name).Name;
            }
            catch (StudioProblem problem)
            {
                problems.Add(problem.Message);
            }
        }
        if (rule.Priority is < 0 or > MaxPriority)
        {
            problems.Add($"The priority {rule.Priority} is out of range: use a whole number from 0 to {MaxPriority:N0}; lower wins.");
        }
        if (problems.Count > 0)
        {
            throw StudioProblem.BadRequest(string.Join(" ", problems));
        }
        var valid = new RuleSnapshot(axis!.Name, keyword, category, rule.Priority, rule.Enabled);
        var key = KeywordSyntax.Key(keyword);
        var twin = (await ListAsync(workspace, axis.Name, cancellationToken)).FirstOrDefault(r => r.Id != id && KeywordSyntax.Key(r.Keyword) == key);
        if (twin is not null)
        {
            throw StudioProblem.Conflict(
                $"The keyword \"{keyword}\" is already rule {twin.Id} on {axis.Name} (→ {twin.Category}, priority {twin.Priority}); edit that rule instead, since only one of the two could ever win.");
        }
        return valid;
    }

    /// <summary>Records the change and commits the transaction the caller opened on <paramref name="db"/>.</summary>
    private async Task<RuleChangeView> RecordAsync(AppDbContext db, LiveWorkspace workspace, RuleChangeKind kind, string description, string author,
        IReadOnlyList<RuleChangeEntry> entries, CancellationToken cancellationToken, RuleChange? undoOf = null)
    {
        var change = new RuleChange
        {
            WorkspaceId = workspace.Id, Kind = kind, Description = Shorten(description), Author = author, CreatedAt = DateTimeOffset.UtcNow,
            EntriesJson = RuleChangeEntry.ToJson(entries), UndoOfId = undoOf?.Id,
        };
        db.RuleChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        if (undoOf is not null)
        {
            undoOf.UndoneById = change.Id;
            await db.SaveChangesAsync(cancellationToken);
        }
        // The rules and their record land together or not at all; the cache goes only once both are visible to a rebuild.
        await db.Database.CommitTransactionAsync(cancellationToken);
        Forget(workspace.Id);
        return RuleChangeView.From(change);
    }

    private static string Shorten(string text) => text.Length <= 1000 ? text : text[..999] + "…";
}

/// <summary>A workspace's enabled rules compiled, knowing which stored rule each compiled rule is.</summary>
public sealed class CompiledRules
{
    private readonly Dictionary<KeywordRule, long> _ids;

    private CompiledRules(RuleSet rules, Dictionary<KeywordRule, long> ids)
    {
        Rules = rules;
        _ids = ids;
    }

    public RuleSet Rules { get; }

    public static CompiledRules From(IReadOnlyList<KeywordRuleRow> rows)
    {
        var rules = rows.Select(r => (Rule: new KeywordRule(r.Axis, r.Keyword, r.Category, r.Priority), r.Id)).ToList();
        // By reference: a match hands back the very rule instance it was compiled from.
        var ids = new Dictionary<KeywordRule, long>(ReferenceEqualityComparer.Instance);
        foreach (var (rule, id) in rules)
        {
            ids[rule] = id;
        }
        return new CompiledRules(RuleSet.Create(rules.Select(r => r.Rule)), ids);
    }

    /// <summary>Every match on the axis, or null when the axis has no enabled rule.</summary>
    public RuleEvaluation? Evaluate(string title, string axis) =>
        Rules.Axes.Any(a => string.Equals(a, axis, StringComparison.OrdinalIgnoreCase)) ? Rules.ForAxis(axis).Evaluate(title) : null;

    /// <summary>The axis's compiled rules, or null when it has none.</summary>
    public AxisRules? ForAxis(string axis) =>
        Rules.Axes.Any(a => string.Equals(a, axis, StringComparison.OrdinalIgnoreCase)) ? Rules.ForAxis(axis) : null;

    /// <summary>The winning rule for the title on the axis, or null when none matches.</summary>
    public RuleMatchView? Winner(string title, string axis) => Evaluate(title, axis)?.Winner is { } winner ? View(winner) : null;

    public RuleMatchView View(RuleMatch match) => new(_ids.TryGetValue(match.Rule, out var id) ? id : null,
        match.Rule.Keyword, match.Rule.Category, match.Rule.Priority, match.MatchedText, match.Start, match.Length, match.Reason);
}
