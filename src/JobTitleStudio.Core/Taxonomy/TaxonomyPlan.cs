namespace JobTitleStudio.Core.Taxonomy;

/// <summary>A category of an axis as the taxonomy editor sees it: its name and the name of its parent, if any.</summary>
public sealed record TaxonomyNode(string Name, string? Parent);

/// <summary>A category with the number of records labelled with it: the state an edit is planned on.</summary>
public sealed record CategoryCount(string Name, string? Parent, long Records);

/// <summary>Every label <see cref="From"/> on the axis becomes <see cref="To"/>; <see cref="Records"/> is how many records that moves.</summary>
public sealed record LabelMove(string From, string To, long Records);

/// <summary>
/// What a taxonomy edit does to one axis: its categories before and after (with parents), and the labels it moves. The
/// before and after lists are what an undo compares against, so they are stored with the change.
/// </summary>
/// <param name="RecordsAffected">Records whose label changes; for a split only the matching records move, so it is not the sum of <paramref name="Moves"/>.</param>
/// <param name="Warnings">What the edit leaves as it is and why (unknown categories in a mapping, for instance).</param>
public sealed record TaxonomyPlan(
    string Description,
    IReadOnlyList<TaxonomyNode> Before,
    IReadOnlyList<TaxonomyNode> After,
    IReadOnlyList<LabelMove> Moves,
    long RecordsAffected,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Categories the edit creates.</summary>
    public IReadOnlyList<string> Added => [.. After.Select(n => n.Name).Except(Before.Select(n => n.Name), StringComparer.Ordinal)];

    /// <summary>Categories the edit removes (renamed, merged or mapped away).</summary>
    public IReadOnlyList<string> Removed => [.. Before.Select(n => n.Name).Except(After.Select(n => n.Name), StringComparer.Ordinal)];

    /// <summary>
    /// What undoing this edit does to the axis as it is now (<paramref name="current"/>): remove the categories the edit
    /// created, put back the ones it removed, and give back their old parent to categories the edit re-parented, unless a
    /// later edit has changed that parent again (then the later edit wins).
    /// </summary>
    public TaxonomyUndo Inverse(IReadOnlyList<TaxonomyNode> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var now = current.ToDictionary(n => n.Name, n => n.Parent, StringComparer.Ordinal);
        var before = Before.ToDictionary(n => n.Name, n => n.Parent, StringComparer.Ordinal);
        var after = After.ToDictionary(n => n.Name, n => n.Parent, StringComparer.Ordinal);
        var remove = Added.Where(now.ContainsKey).ToList();
        var restore = Removed.Where(n => !now.ContainsKey(n)).ToList();
        var kept = now.Keys.Except(remove, StringComparer.Ordinal).Concat(restore).ToHashSet(StringComparer.Ordinal);
        var parents = new List<TaxonomyNode>();
        foreach (var name in kept)
        {
            if (!before.TryGetValue(name, out var oldParent))
            {
                continue;
            }
            var wasChanged = !after.TryGetValue(name, out var newParent) || !string.Equals(oldParent, newParent, StringComparison.Ordinal);
            var untouchedSince = !now.TryGetValue(name, out var currentParent) || string.Equals(currentParent, newParent, StringComparison.Ordinal)
                || (currentParent is not null && !kept.Contains(currentParent));
            if (wasChanged && untouchedSince)
            {
                parents.Add(new TaxonomyNode(name, oldParent is not null && kept.Contains(oldParent) ? oldParent : null));
            }
        }
        // Children of a removed category would point at nothing: they go back to their parent from before, or the root.
        foreach (var orphan in now.Where(n => n.Value is not null && remove.Contains(n.Value) && kept.Contains(n.Key) && parents.All(p => p.Name != n.Key)))
        {
            parents.Add(new TaxonomyNode(orphan.Key, null));
        }
        return new TaxonomyUndo(remove, restore, parents);
    }
}

/// <summary>The steps that take an edit back: categories to remove, categories to add again, and parents to set (null: the root).</summary>
public sealed record TaxonomyUndo(IReadOnlyList<string> Remove, IReadOnlyList<string> Restore, IReadOnlyList<TaxonomyNode> Parents);

/// <summary>An edit that cannot be made, with the reason in the analyst's words.</summary>
public sealed class TaxonomyEditException(string message) : Exception(message);
