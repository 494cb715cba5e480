using System.Text.Json;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Features.Rules;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Taxonomy;

/// <summary>
/// The taxonomy editor: shows a workspace's axes as trees with record counts, previews and applies edits (add, rename,
/// merge, split, set a parent, map onto a new taxonomy), and undoes them. An applied edit is one label change set in the
/// history holding every record label it replaced, the categories before and after, the corrections it relabelled and
/// the keyword rules it pointed at the new categories, and the prediction history rows it relabelled. Once it commits,
/// the live model's category map is derived again, so predictions speak the new taxonomy at once.
/// </summary>
public sealed class TaxonomyService(IDbContextFactory<AppDbContext> databases, RuleService rules, WorkspaceModels workspaces, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool IsTaxonomyEdit(LabelChangeKind kind) => kind is LabelChangeKind.AddCategory or LabelChangeKind.RenameCategory
        or LabelChangeKind.MergeCategories or LabelChangeKind.SplitCategory or LabelChangeKind.SetParent or LabelChangeKind.MapTaxonomy;

    public async Task<TaxonomyView> GetAsync(int workspaceId, string workspaceName, CancellationToken cancellationToken = default)
    {
        var modelAxes = await AdoptModelAxesAsync(workspaceId, workspaceName, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var axes = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).OrderBy(a => a.Position).ToListAsync(cancellationToken);
        var views = new List<AxisTaxonomyView>();
        foreach (var axis in axes)
        {
            var taxonomy = await LoadAsync(db, axis, cancellationToken);
            var model = modelAxes.FirstOrDefault(a => string.Equals(a.Name, axis.Name, StringComparison.OrdinalIgnoreCase));
            views.Add(new AxisTaxonomyView(axis.Id, axis.Name, [.. taxonomy.Tree().Select(r => new CategoryView(r.Category.Name, r.Category.Parent, r.Category.Records, r.Depth,
                model is not null && model.TryIndexOf(r.Category.Name, out var c) ? model.Categories[c].DisplayName : null))]));
        }
        return new TaxonomyView(workspaceName, views);
    }

    /// <summary>What the edit would do, without doing it.</summary>
    /// <exception cref="StudioProblem">No such axis (404) or an edit that cannot be made (400, with the reason).</exception>
    public async Task<TaxonomyPlanView> PreviewAsync(int workspaceId, string workspaceName, string axis, TaxonomyEdit edit, CancellationToken cancellationToken = default)
    {
        await AdoptModelAxesAsync(workspaceId, workspaceName, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var found = await AxisAsync(db, workspaceId, axis, cancellationToken);
        var (plan, _) = await PlanAsync(db, found, edit, cancellationToken);
        var corrections = await CorrectionsFollowingAsync(db, workspaceId, found.Name, edit, plan).CountAsync(cancellationToken);
        return View(found.Name, edit.Kind, plan, corrections, applied: false, changeId: null);
    }

    /// <summary>Applies the edit in one transaction and records it in the history.</summary>
    /// <exception cref="StudioProblem">No such axis (404) or an edit that cannot be made (400, with the reason).</exception>
    public async Task<TaxonomyPlanView> ApplyAsync(int workspaceId, string workspaceName, string axis, TaxonomyEdit edit, string author, CancellationToken cancellationToken = default)
    {
        await AdoptModelAxesAsync(workspaceId, workspaceName, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await AxisAsync(db, workspaceId, axis, cancellationToken);
        var (plan, splitLabels) = await PlanAsync(db, found, edit, cancellationToken);
        var moves = WholeLabelMoves(edit, plan).ToDictionary(m => m.From, m => m.To, StringComparer.Ordinal);
        var relabelled = new List<CorrectionRelabel>();
        foreach (var correction in await CorrectionsFollowingAsync(db, workspaceId, found.Name, edit, plan).ToListAsync(cancellationToken))
        {
            var (oldLabel, newLabel) = (correction.OldLabel, correction.NewLabel);
            correction.OldLabel = moves.GetValueOrDefault(oldLabel) ?? oldLabel;
            correction.NewLabel = moves.GetValueOrDefault(newLabel) ?? newLabel;
            relabelled.Add(new CorrectionRelabel(correction.Id, oldLabel, newLabel, correction.OldLabel, correction.NewLabel));
        }
        var now = clock.GetUtcNow();
        var ruleMoves = new List<RuleRelabel>();
        foreach (var rule in await RulesOnAxisAsync(db, workspaceId, found.Name, cancellationToken))
        {
            if (moves.GetValueOrDefault(rule.Category) is { } to)
            {
                ruleMoves.Add(new RuleRelabel(rule.Id, rule.Category, to));
                (rule.Category, rule.UpdatedBy, rule.UpdatedAt) = (to, author, now);
            }
        }
        var predictions = await PredictionsFollowingAsync(db, workspaceId, found.Name, moves, cancellationToken);
        var findings = await FindingsFollowingAsync(db, found.Id, moves, cancellationToken);
        var set = new LabelChangeSet
        {
            WorkspaceId = workspaceId,
            Kind = edit.Kind,
            Description = Truncate(plan.Description, 1000),
            Author = author,
            CreatedAt = now,
            AxisId = found.Id,
            TaxonomyJson = JsonSerializer.Serialize(new TaxonomyEditRecord(plan.Before, plan.After, plan.Moves, relabelled, ruleMoves, predictions, findings), Json),
        };
        db.LabelChangeSets.Add(set);
        await db.SaveChangesAsync(cancellationToken);

        if (splitLabels is not null)
        {
            var move = plan.Moves.Single();
            var ids = JsonSerializer.Serialize(splitLabels);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO LabelChanges (ChangeSetId, RecordLabelId, OldLabel, OldSource, NewLabel, NewSource)
                SELECT {set.Id}, Id, Label, Source, {move.To}, Source FROM RecordLabels
                WHERE AxisId = {found.Id} AND Label = {move.From} AND Id IN (SELECT value FROM json_each({ids}))
                """, cancellationToken);
        }
        else
        {
            foreach (var move in plan.Moves)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO LabelChanges (ChangeSetId, RecordLabelId, OldLabel, OldSource, NewLabel, NewSource)
                    SELECT {set.Id}, Id, Label, Source, {move.To}, Source FROM RecordLabels WHERE AxisId = {found.Id} AND Label = {move.From}
                    """, cancellationToken);
            }
        }
        // Every move is recorded before any label changes, so a mapping A→B, B→C sends A to B and B to C, never A to C.
        await ApplyRecordedChangesAsync(db, set.Id, cancellationToken);
        foreach (var relabel in predictions)
        {
            await RelabelPredictionsAsync(db, relabel.Labels, relabel.RuleLabels, relabel.From, relabel.To, cancellationToken);
        }
        foreach (var relabel in findings)
        {
            await RelabelFindingsAsync(db, relabel.Labels, relabel.Suggestions, relabel.From, relabel.To, cancellationToken);
        }
        await SyncCategoriesAsync(db, found, plan.After, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        rules.Forget(workspaceId);
        // Committed: the live model's map must follow even if the caller has gone away.
        await workspaces.RefreshMapAsync(workspaceId, CancellationToken.None);
        return View(found.Name, edit.Kind, plan, relabelled.Count, applied: true, set.Id);
    }

    /// <summary>
    /// Takes a taxonomy edit back: record labels it moved that nobody changed since go back, categories it created go
    /// (unless records carry them again), categories it removed come back, parents it changed are restored, corrections
    /// it relabelled get their labels back, and so do keyword rules it moved that still give the category it moved them to.
    /// Recorded as an undo in the history.
    /// </summary>
    /// <exception cref="StudioProblem">No such change (404), or it is not a taxonomy edit, was undone already, or its axis is gone (409).</exception>
    public async Task<TaxonomyPlanView> UndoAsync(int workspaceId, long changeId, string author, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var set = await db.LabelChangeSets.SingleOrDefaultAsync(s => s.Id == changeId && s.WorkspaceId == workspaceId, cancellationToken)
            ?? throw StudioProblem.NotFound($"There is no change {changeId} in this workspace.");
        if (!IsTaxonomyEdit(set.Kind) || set.TaxonomyJson is null || set.AxisId is not { } axisId)
        {
            throw StudioProblem.Conflict($"Change {changeId} is not a taxonomy edit.");
        }
        if (set.UndoneById is { } undoneBy)
        {
            throw StudioProblem.Conflict($"Change {changeId} was undone already (change {undoneBy}).");
        }
        var axis = await db.Axes.Include(a => a.Categories).SingleAsync(a => a.Id == axisId, cancellationToken);
        var record = JsonSerializer.Deserialize<TaxonomyEditRecord>(set.TaxonomyJson, Json)!;
        var undo = new LabelChangeSet
        {
            WorkspaceId = workspaceId,
            Kind = LabelChangeKind.Undo,
            Description = Truncate($"Undo of: {set.Description}", 1000),
            Author = author,
            CreatedAt = clock.GetUtcNow(),
            UndoOfId = set.Id,
            AxisId = axisId,
        };
        db.LabelChangeSets.Add(undo);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO LabelChanges (ChangeSetId, RecordLabelId, OldLabel, OldSource, NewLabel, NewSource)
            SELECT {undo.Id}, l.Id, l.Label, l.Source, c.OldLabel, c.OldSource
            FROM LabelChanges c JOIN RecordLabels l ON l.Id = c.RecordLabelId
            WHERE c.ChangeSetId = {set.Id} AND l.Label = c.NewLabel
            """, cancellationToken);
        await ApplyRecordedChangesAsync(db, undo.Id, cancellationToken);

        var byName = axis.Categories.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var current = axis.Categories.Select(c => new TaxonomyNode(c.Name, ParentName(axis, c))).ToList();
        var steps = record.Plan(set.Description).Inverse(current);
        var carried = (await db.RecordLabels.Where(l => l.AxisId == axisId && steps.Remove.Contains(l.Label)).Select(l => l.Label).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var target = current.Where(n => !steps.Remove.Contains(n.Name) || carried.Contains(n.Name))
            .Concat(steps.Restore.Select(n => new TaxonomyNode(n, null)))
            .Select(n => steps.Parents.FirstOrDefault(p => p.Name == n.Name) ?? n)
            .ToList();
        await SyncCategoriesAsync(db, axis, target, cancellationToken);

        var ids = record.Corrections.Select(c => c.Id).ToList();
        var corrections = await db.Corrections.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var relabel in record.Corrections)
        {
            if (corrections.GetValueOrDefault(relabel.Id) is { } correction && correction.OldLabel == relabel.MovedOldLabel && correction.NewLabel == relabel.MovedNewLabel)
            {
                (correction.OldLabel, correction.NewLabel) = (relabel.OldLabel, relabel.NewLabel);
            }
        }
        var ruleMoves = (record.Rules ?? []).ToDictionary(r => r.Id);
        foreach (var rule in await RulesOnAxisAsync(db, workspaceId, axis.Name, cancellationToken))
        {
            // A rule edited since to another category keeps the analyst's later choice.
            if (ruleMoves.GetValueOrDefault(rule.Id) is { } followed && rule.Category == followed.MovedCategory)
            {
                (rule.Category, rule.UpdatedBy, rule.UpdatedAt) = (followed.Category, author, undo.CreatedAt);
            }
        }
        foreach (var relabel in record.Predictions ?? [])
        {
            await RelabelPredictionsAsync(db, relabel.Labels, relabel.RuleLabels, relabel.To, relabel.From, cancellationToken);
        }
        foreach (var relabel in record.Findings ?? [])
        {
            await RelabelFindingsAsync(db, relabel.Labels, relabel.Suggestions, relabel.To, relabel.From, cancellationToken);
        }
        // Predictions and findings made while the edit held may name a category the undo removes: they take the category
        // it came from (of several mapped onto it, the one that brought the most records), so none names a category that is gone.
        var gone = steps.Remove.Where(r => !carried.Contains(r)).ToHashSet(StringComparer.Ordinal);
        var back = record.Moves.Where(m => gone.Contains(m.To)).GroupBy(m => m.To, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.Records)!.From, StringComparer.Ordinal);
        foreach (var relabel in await PredictionsFollowingAsync(db, workspaceId, axis.Name, back, cancellationToken))
        {
            await RelabelPredictionsAsync(db, relabel.Labels, relabel.RuleLabels, relabel.From, relabel.To, cancellationToken);
        }
        foreach (var relabel in await FindingsFollowingAsync(db, axisId, back, cancellationToken))
        {
            await RelabelFindingsAsync(db, relabel.Labels, relabel.Suggestions, relabel.From, relabel.To, cancellationToken);
        }
        set.UndoneById = undo.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        rules.Forget(workspaceId);
        await workspaces.RefreshMapAsync(workspaceId, CancellationToken.None);
        var moved = await db.LabelChanges.CountAsync(c => c.ChangeSetId == undo.Id, cancellationToken);
        return new TaxonomyPlanView(axis.Name, LabelChangeKind.Undo.ToString(), undo.Description, moved, record.Corrections.Count,
            [.. record.Moves.Select(m => new LabelMove(m.To, m.From, 0))], steps.Restore, steps.Remove.Where(r => !carried.Contains(r)).ToList(), [], true, undo.Id);
    }

    private static async Task<(TaxonomyPlan Plan, IReadOnlyList<long>? SplitLabels)> PlanAsync(AppDbContext db, TaxonomyAxis axis, TaxonomyEdit edit, CancellationToken cancellationToken)
    {
        var taxonomy = await LoadAsync(db, axis, cancellationToken);
        try
        {
            switch (edit)
            {
                case AddCategoryEdit add:
                    return (taxonomy.Add(add.Name ?? "", add.Parent), null);
                case RenameEdit rename:
                    return (taxonomy.Rename(rename.Category ?? "", rename.NewName ?? ""), null);
                case MergeEdit merge:
                    return (taxonomy.Merge(merge.Category ?? "", merge.Into ?? ""), null);
                case ParentEdit parent:
                    return (taxonomy.SetParent(parent.Category ?? "", parent.Parent), null);
                case MapEdit map:
                    return (taxonomy.Map(map.Rows), null);
                case SplitEdit split:
                    var source = taxonomy.Categories.FirstOrDefault(c => string.Equals(c.Name, split.Category?.Trim(), StringComparison.OrdinalIgnoreCase))?.Name ?? split.Category ?? "";
                    var candidates = await db.RecordLabels.AsNoTracking().Where(l => l.AxisId == axis.Id && l.Label == source)
                        .Select(l => new SplitCandidate(l.Id, l.Record!.Title, l.Record.NormalizedTitle)).ToListAsync(cancellationToken);
                    var plan = taxonomy.Split(source, split.NewName ?? "", split.Titles ?? [], split.Keywords ?? [], candidates, split.Parent);
                    return (plan.Plan, plan.RecordIds);
                default:
                    throw new ArgumentOutOfRangeException(nameof(edit), edit, "Unknown taxonomy edit.");
            }
        }
        catch (TaxonomyEditException e)
        {
            throw StudioProblem.BadRequest(e.Message);
        }
    }

    /// <summary>The workspace's keyword rules on the axis, tracked; rules name their axis in any case, the taxonomy as it spells it.</summary>
    private static async Task<List<KeywordRuleRow>> RulesOnAxisAsync(AppDbContext db, int workspaceId, string axis, CancellationToken cancellationToken) =>
        [.. (await db.KeywordRules.Where(r => r.WorkspaceId == workspaceId).ToListAsync(cancellationToken))
            .Where(r => string.Equals(r.Axis, axis, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Moves that relabel every record of a category, which corrections follow too; a split picks records, so they do not.</summary>
    private static IEnumerable<LabelMove> WholeLabelMoves(TaxonomyEdit edit, TaxonomyPlan plan) => edit is SplitEdit ? [] : plan.Moves;

    private static IQueryable<Corrections.Correction> CorrectionsFollowingAsync(AppDbContext db, int workspaceId, string axis, TaxonomyEdit edit, TaxonomyPlan plan)
    {
        var from = WholeLabelMoves(edit, plan).Select(m => m.From).ToList();
        return db.Corrections.Where(c => c.WorkspaceId == workspaceId && c.Axis == axis && (from.Contains(c.NewLabel) || from.Contains(c.OldLabel)));
    }

    /// <summary>
    /// The prediction history rows of the axis carrying a label the edit moves away, per move, found before any changes so
    /// that a mapping A→B, B→C relabels A to B, not to C. Predictions follow only whole-label moves, as corrections do.
    /// </summary>
    private static async Task<List<PredictionRelabel>> PredictionsFollowingAsync(AppDbContext db, int workspaceId, string axis, IReadOnlyDictionary<string, string> moves,
        CancellationToken cancellationToken)
    {
        if (moves.Count == 0)
        {
            return [];
        }
        var from = moves.Keys.ToList();
        var rows = (await db.PredictionRecords.AsNoTracking()
                .Where(r => r.WorkspaceId == workspaceId && (from.Contains(r.Label) || (r.RuleLabel != null && from.Contains(r.RuleLabel))))
                .Select(r => new { r.Id, r.Axis, r.Label, r.RuleLabel }).ToListAsync(cancellationToken))
            .Where(r => string.Equals(r.Axis, axis, StringComparison.OrdinalIgnoreCase))
            .Select(r => (r.Id, r.Label, r.RuleLabel)).ToList();
        return [.. PerMove(moves, rows).Select(m => new PredictionRelabel(m.From, m.To, m.First, m.Second))];
    }

    /// <summary>The likely label errors of the axis whose label or suggestion the edit moves away, per move, found before any changes.</summary>
    private static async Task<List<FindingRelabel>> FindingsFollowingAsync(AppDbContext db, int axisId, IReadOnlyDictionary<string, string> moves, CancellationToken cancellationToken)
    {
        if (moves.Count == 0)
        {
            return [];
        }
        var from = moves.Keys.ToList();
        var rows = (await db.LabelErrorFindings.AsNoTracking().Where(f => f.AxisId == axisId && (from.Contains(f.Label) || from.Contains(f.Suggestion)))
            .Select(f => new { f.Id, f.Label, f.Suggestion }).ToListAsync(cancellationToken)).Select(f => (f.Id, f.Label, (string?)f.Suggestion)).ToList();
        return [.. PerMove(moves, rows).Select(m => new FindingRelabel(m.From, m.To, m.First, m.Second))];
    }

    /// <summary>Per move that touches any of <paramref name="rows"/>: the ids whose first label, and those whose second, is the move's from.</summary>
    private static IEnumerable<(string From, string To, long[] First, long[] Second)> PerMove(IReadOnlyDictionary<string, string> moves, List<(long Id, string First, string? Second)> rows) =>
        moves.Select(m => (m.Key, m.Value, rows.Where(r => r.First == m.Key).Select(r => r.Id).ToArray(), rows.Where(r => r.Second == m.Key).Select(r => r.Id).ToArray()))
            .Where(m => m.Item3.Length + m.Item4.Length > 0);

    /// <summary>Moves the given prediction history rows from <paramref name="from"/> to <paramref name="to"/>, each only if it still says <paramref name="from"/>.</summary>
    private static async Task RelabelPredictionsAsync(AppDbContext db, IReadOnlyList<long> labels, IReadOnlyList<long> ruleLabels, string from, string to, CancellationToken cancellationToken)
    {
        await db.PredictionRecords.Where(r => labels.Contains(r.Id) && r.Label == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.Label, to), cancellationToken);
        await db.PredictionRecords.Where(r => ruleLabels.Contains(r.Id) && r.RuleLabel == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.RuleLabel, to), cancellationToken);
    }

    /// <summary>Moves the given likely label errors' labels and suggestions from <paramref name="from"/> to <paramref name="to"/>, each only if it still says <paramref name="from"/>.</summary>
    private static async Task RelabelFindingsAsync(AppDbContext db, IReadOnlyList<long> labels, IReadOnlyList<long> suggestions, string from, string to, CancellationToken cancellationToken)
    {
        await db.LabelErrorFindings.Where(f => labels.Contains(f.Id) && f.Label == from).ExecuteUpdateAsync(s => s.SetProperty(f => f.Label, to), cancellationToken);
        await db.LabelErrorFindings.Where(f => suggestions.Contains(f.Id) && f.Suggestion == from).ExecuteUpdateAsync(s => s.SetProperty(f => f.Suggestion, to), cancellationToken);
    }

    /// <summary>Sets each record label named in the change set's recorded changes to its new label and source.</summary>
    private static Task ApplyRecordedChangesAsync(AppDbContext db, long setId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE RecordLabels SET
                Label = (SELECT c.NewLabel FROM LabelChanges c WHERE c.ChangeSetId = {setId} AND c.RecordLabelId = RecordLabels.Id),
                Source = (SELECT c.NewSource FROM LabelChanges c WHERE c.ChangeSetId = {setId} AND c.RecordLabelId = RecordLabels.Id)
            WHERE Id IN (SELECT RecordLabelId FROM LabelChanges WHERE ChangeSetId = {setId})
            """, cancellationToken);

    /// <summary>Makes the axis's category rows exactly <paramref name="target"/>: removes, adds, then sets every parent by name.</summary>
    private static async Task SyncCategoriesAsync(AppDbContext db, TaxonomyAxis axis, IReadOnlyList<TaxonomyNode> target, CancellationToken cancellationToken)
    {
        var wanted = target.ToDictionary(n => n.Name, n => n.Parent, StringComparer.Ordinal);
        foreach (var gone in axis.Categories.Where(c => !wanted.ContainsKey(c.Name)).ToList())
        {
            // Children first point at nothing, so the delete does not depend on the order SQLite visits the rows.
            foreach (var child in axis.Categories.Where(c => c.ParentId == gone.Id))
            {
                child.ParentId = null;
            }
            axis.Categories.Remove(gone);
            db.Categories.Remove(gone);
        }
        foreach (var name in wanted.Keys.Where(n => axis.Categories.All(c => c.Name != n)))
        {
            axis.Categories.Add(new TaxonomyCategory { Name = name });
        }
        await db.SaveChangesAsync(cancellationToken);
        var ids = axis.Categories.ToDictionary(c => c.Name, c => c.Id, StringComparer.Ordinal);
        foreach (var category in axis.Categories)
        {
            category.ParentId = wanted[category.Name] is { } parent && ids.TryGetValue(parent, out var id) ? id : null;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Gives the workspace, as taxonomy rows, the live model's axes that no imported record brought (the Default
    /// workspace's shipped Occupation, Function and Level), with the model's categories and parents, so their
    /// categories can be renamed, merged and mapped like imported ones; the category map then carries the edits into
    /// the model's answers. Axes the workspace has already are left as they are. Returns the live model's axes in their
    /// current categories (none while no model is loaded).
    /// </summary>
    private async Task<IReadOnlyList<AxisDefinition>> AdoptModelAxesAsync(int workspaceId, string workspaceName, CancellationToken cancellationToken)
    {
        if ((await workspaces.FindAsync(workspaceName, cancellationToken)).Model is not { } model)
        {
            return [];
        }
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var known = await db.Axes.Where(a => a.WorkspaceId == workspaceId).Select(a => new { a.Name, a.Position }).ToListAsync(cancellationToken);
        var missing = model.Axes.Where(a => !known.Any(k => string.Equals(k.Name, a.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count == 0)
        {
            return model.Axes;
        }
        var position = known.Count == 0 ? 0 : known.Max(k => k.Position) + 1;
        var adopted = missing.Select(axis => (Definition: axis, Row: new TaxonomyAxis
        {
            WorkspaceId = workspaceId,
            Name = axis.Name,
            Position = position++,
            Categories = [.. axis.Categories.Select(c => new TaxonomyCategory { Name = c.Name })],
        })).ToList();
        db.Axes.AddRange(adopted.Select(a => a.Row));
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (definition, row) in adopted)
            {
                var ids = row.Categories.ToDictionary(c => c.Name, c => c.Id, StringComparer.Ordinal);
                foreach (var category in row.Categories)
                {
                    category.ParentId = definition.Categories.First(c => c.Name == category.Name).Parent is { } parent ? ids[parent] : null;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request adopted the same axes a moment earlier (one axis name per workspace): theirs stand.
        }
        return model.Axes;
    }

    private static async Task<TaxonomyAxis> AxisAsync(AppDbContext db, int workspaceId, string axis, CancellationToken cancellationToken)
    {
        var axes = await db.Axes.Include(a => a.Categories).Where(a => a.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        return axes.FirstOrDefault(a => a.Name == axis) ?? axes.FirstOrDefault(a => string.Equals(a.Name, axis, StringComparison.OrdinalIgnoreCase))
            ?? throw StudioProblem.NotFound(axes.Count == 0
                ? $"This workspace has no axes yet: import a labelled file in Datasets first."
                : $"There is no axis \"{axis}\" in this workspace. Its axes: {string.Join(", ", axes.OrderBy(a => a.Position).Select(a => a.Name))}.");
    }

    /// <summary>The axis's categories with their parents and record counts; a label no category row names yet counts as a category.</summary>
    private static async Task<AxisTaxonomy> LoadAsync(AppDbContext db, TaxonomyAxis axis, CancellationToken cancellationToken)
    {
        var categories = axis.Categories.Count > 0 ? axis.Categories
            : await db.Categories.AsNoTracking().Where(c => c.AxisId == axis.Id).ToListAsync(cancellationToken);
        var counts = await db.RecordLabels.AsNoTracking().Where(l => l.AxisId == axis.Id && l.Label != "")
            .GroupBy(l => l.Label).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var byId = categories.ToDictionary(c => c.Id, c => c.Name);
        var nodes = categories.Select(c => new CategoryCount(c.Name, c.ParentId is { } p ? byId.GetValueOrDefault(p) : null, counts.GetValueOrDefault(c.Name)))
            .Concat(counts.Keys.Where(k => categories.All(c => c.Name != k)).Select(k => new CategoryCount(k, null, counts[k])));
        return new AxisTaxonomy(axis.Name, nodes);
    }

    private static string? ParentName(TaxonomyAxis axis, TaxonomyCategory category) =>
        category.ParentId is { } id ? axis.Categories.FirstOrDefault(c => c.Id == id)?.Name : null;

    private static TaxonomyPlanView View(string axis, LabelChangeKind kind, TaxonomyPlan plan, int corrections, bool applied, long? changeId) =>
        new(axis, kind.ToString(), plan.Description, plan.RecordsAffected, corrections, plan.Moves, plan.Added, plan.Removed, plan.Warnings, applied, changeId);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}
