using System.Text.Json;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Taxonomy;

/// <summary>
/// The category map of a workspace's live model, derived from the history rather than stored: the taxonomy edits (and
/// their undos) recorded after the live version read its records, replayed in order. A stored map would be one more
/// state that an edit, an undo or a version switch could leave disagreeing with the history; derived, it cannot.
/// A split moves only some records, so it maps nothing: the model answers the category split from, which still exists.
/// </summary>
public sealed class LiveCategoryMaps(IDbContextFactory<AppDbContext> databases)
{
    /// <summary>What Lookup, Taxonomy and the taxonomy API say while the live model's answers are mapped.</summary>
    public const string Note = "Predictions use the new taxonomy through a mapping until a version trained on it is live.";

    /// <summary>
    /// The map for <paramref name="modelAxes"/>, the axes of the workspace's live model: its live version's, or, with no
    /// version live, a model that predates every edit (the Default workspace's shipped model).
    /// </summary>
    public async Task<CategoryMap> LoadAsync(int workspaceId, IReadOnlyList<AxisDefinition> modelAxes, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var live = await db.ModelVersions.AsNoTracking().Where(v => v.WorkspaceId == workspaceId && v.IsLive)
            .Select(v => new { v.TaxonomyChangeId, v.CreatedAt }).SingleOrDefaultAsync(cancellationToken);
        var sets = await db.LabelChangeSets.AsNoTracking()
            .Where(s => s.WorkspaceId == workspaceId && s.AxisId != null && (s.TaxonomyJson != null || s.UndoOfId != null))
            .OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Kind, s.AxisId, s.TaxonomyJson, s.UndoOfId, s.CreatedAt })
            .ToListAsync(cancellationToken);
        // A version trained before the change was recorded with it learned at least the edits made before it was queued.
        var after = live is null ? 0
            : live.TaxonomyChangeId ?? sets.Where(s => s.CreatedAt <= live.CreatedAt).Select(s => s.Id).DefaultIfEmpty(0).Max();
        var axes = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var builder = new CategoryMapBuilder(modelAxes);
        foreach (var set in sets.Where(s => s.Id > after))
        {
            if (set.UndoOfId is { } undone)
            {
                builder.Undo(undone);
            }
            else if (TaxonomyService.IsTaxonomyEdit(set.Kind) && set.Kind != LabelChangeKind.SplitCategory && axes.TryGetValue(set.AxisId!.Value, out var axis))
            {
                var record = JsonSerializer.Deserialize<TaxonomyEditRecord>(set.TaxonomyJson!, TaxonomyService.Json)!;
                builder.Apply(set.Id, axis, record.Moves);
            }
        }
        return builder.Build();
    }
}
