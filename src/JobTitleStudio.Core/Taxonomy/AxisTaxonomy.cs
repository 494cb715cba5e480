using System.Globalization;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Taxonomy;

/// <summary>A record as a split looks at it: its id, its title and its normalised title.</summary>
public sealed record SplitCandidate(long Id, string Title, string NormalizedTitle);

/// <summary>A split's plan and the records it moves to the new category.</summary>
public sealed record SplitPlan(TaxonomyPlan Plan, IReadOnlyList<long> RecordIds);

/// <summary>A category with its depth in the hierarchy, in the order a tree lists them (parents before children, by name).</summary>
public sealed record TaxonomyTreeRow(CategoryCount Category, int Depth);

/// <summary>
/// One axis's categories with their parents and record counts, and the plans of every edit the taxonomy editor offers:
/// add, rename, merge, split, set a parent and map onto a new taxonomy. Plans only describe; the caller applies them.
/// </summary>
public sealed class AxisTaxonomy
{
    public const int MaxCategoryLength = 300;

    private readonly Dictionary<string, CategoryCount> _byName;

    public AxisTaxonomy(string axis, IEnumerable<CategoryCount> categories)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(axis);
        ArgumentNullException.ThrowIfNull(categories);
        Axis = axis;
        Categories = [.. categories.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
        _byName = Categories.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public string Axis { get; }

    /// <summary>The categories by name, ignoring case.</summary>
    public IReadOnlyList<CategoryCount> Categories { get; }

    private IReadOnlyList<TaxonomyNode> Nodes => [.. Categories.Select(c => new TaxonomyNode(c.Name, c.Parent))];

    /// <summary>The hierarchy, depth first: roots by name, each followed by its children. A parent that is not a category counts as none.</summary>
    public IReadOnlyList<TaxonomyTreeRow> Tree()
    {
        var children = Categories.ToLookup(c => c.Parent is { } p && _byName.ContainsKey(p) && p != c.Name ? p : null);
        var rows = new List<TaxonomyTreeRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(CategoryCount category, int depth)
        {
            if (!seen.Add(category.Name))
            {
                return;
            }
            rows.Add(new TaxonomyTreeRow(category, depth));
            foreach (var child in children[category.Name])
            {
                Visit(child, depth + 1);
            }
        }
        foreach (var root in children[null])
        {
            Visit(root, 0);
        }
        // A cycle stored by some older tool has no root: list what is left at the top rather than hide it.
        foreach (var rest in Categories.Where(c => !seen.Contains(c.Name)))
        {
            Visit(rest, 0);
        }
        return rows;
    }

    public TaxonomyPlan Add(string name, string? parent = null)
    {
        name = ValidName(name, "The new category");
        if (Find(name) is { } existing)
        {
            throw new TaxonomyEditException($"{Axis} already has the category \"{existing.Name}\".");
        }
        parent = ExistingParent(parent);
        return Plan($"Add {Quote(name)} to {Axis}" + (parent is null ? "" : $" under {Quote(parent)}"),
            [.. Nodes, new TaxonomyNode(name, parent)], [], 0);
    }

    /// <summary>Renames a category; its records, and the categories under it, follow.</summary>
    public TaxonomyPlan Rename(string category, string newName)
    {
        var from = Require(category);
        newName = ValidName(newName, "The new name");
        if (newName == from.Name)
        {
            throw new TaxonomyEditException($"\"{from.Name}\" already has that name.");
        }
        if (Find(newName) is { } taken && taken.Name != from.Name)
        {
            throw new TaxonomyEditException($"{Axis} already has a category \"{taken.Name}\": merge \"{from.Name}\" into it instead.");
        }
        var after = Nodes.Select(n => new TaxonomyNode(n.Name == from.Name ? newName : n.Name, n.Parent == from.Name ? newName : n.Parent));
        return Plan($"Rename {Quote(from.Name)} to {Quote(newName)} on {Axis}", [.. after], [new LabelMove(from.Name, newName, from.Records)], from.Records);
    }

    /// <summary>Merges <paramref name="category"/> into <paramref name="into"/>: its records take that label, its children move under it, it goes.</summary>
    public TaxonomyPlan Merge(string category, string into)
    {
        var from = Require(category);
        var target = Require(into);
        if (from.Name == target.Name)
        {
            throw new TaxonomyEditException($"Choose two different categories to merge; both are \"{from.Name}\".");
        }
        var after = Nodes.Where(n => n.Name != from.Name)
            .Select(n => n.Name == target.Name && n.Parent == from.Name ? n with { Parent = from.Parent != target.Name ? from.Parent : null }
                : n.Parent == from.Name ? n with { Parent = target.Name } : n);
        return Plan($"Merge {Quote(from.Name)} into {Quote(target.Name)} on {Axis}", [.. after], [new LabelMove(from.Name, target.Name, from.Records)], from.Records);
    }

    /// <summary>Sets (or, with null, clears) a category's parent; refuses a parent under the category itself.</summary>
    public TaxonomyPlan SetParent(string category, string? parent)
    {
        var child = Require(category);
        parent = ExistingParent(parent);
        for (var up = parent; up is not null; up = _byName.GetValueOrDefault(up)?.Parent)
        {
            if (up == child.Name)
            {
                throw new TaxonomyEditException(up == parent
                    ? $"\"{child.Name}\" cannot be its own parent."
                    : $"\"{parent}\" is under \"{child.Name}\"; a category cannot sit under its own descendant.");
            }
        }
        if (parent == child.Parent)
        {
            throw new TaxonomyEditException(parent is null ? $"\"{child.Name}\" has no parent already." : $"\"{child.Name}\" is under \"{parent}\" already.");
        }
        var after = Nodes.Select(n => n.Name == child.Name ? n with { Parent = parent } : n);
        return Plan(parent is null ? $"Move {Quote(child.Name)} to the top of {Axis}" : $"Put {Quote(child.Name)} under {Quote(parent)} on {Axis}", [.. after], [], 0);
    }

    /// <summary>
    /// Splits a category: a new category (under the same parent unless one is given) takes the records of
    /// <paramref name="category"/> whose normalised title is one of <paramref name="titles"/> (normalised the same way) or
    /// that a keyword of <paramref name="keywords"/> matches, with the keyword rules' syntax ("sec*" matches a prefix).
    /// </summary>
    public SplitPlan Split(string category, string newName, IReadOnlyCollection<string> titles, IReadOnlyCollection<string> keywords,
        IEnumerable<SplitCandidate> records, string? parent = null)
    {
        ArgumentNullException.ThrowIfNull(titles);
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentNullException.ThrowIfNull(records);
        var from = Require(category);
        newName = ValidName(newName, "The new category");
        if (Find(newName) is { } existing)
        {
            throw new TaxonomyEditException($"{Axis} already has a category \"{existing.Name}\"; a split creates a new one (merge moves records into an existing one).");
        }
        var wantedTitles = titles.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => TitleNormalizer.Shipped.Normalize(t).Normalized).ToHashSet(StringComparer.Ordinal);
        var words = keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList();
        if (wantedTitles.Count == 0 && words.Count == 0)
        {
            throw new TaxonomyEditException("Name the titles or keywords whose records move to the new category.");
        }
        AxisRules? rules = null;
        if (words.Count > 0)
        {
            try
            {
                rules = RuleSet.Create(words.Select(k => new KeywordRule(Axis, k, newName, 1))).ForAxis(Axis);
            }
            catch (ArgumentException e)
            {
                throw new TaxonomyEditException($"A keyword cannot be used: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }
        var moving = records.Where(r => wantedTitles.Contains(r.NormalizedTitle) || rules?.Classify(r.Title) is not null).Select(r => r.Id).ToList();
        parent = parent is null ? from.Parent : ExistingParent(parent);
        var plan = Plan($"Split {Quote(newName)} off {Quote(from.Name)} on {Axis}: {Count(moving.Count)} records matching "
                + string.Join(", ", wantedTitles.Select(Quote).Concat(words.Select(w => $"keyword {Quote(w)}"))),
            [.. Nodes, new TaxonomyNode(newName, parent)], [new LabelMove(from.Name, newName, moving.Count)], moving.Count);
        return new SplitPlan(plan, moving);
    }

    /// <summary>
    /// Casts the axis into a new taxonomy: every record labelled with a mapping's <c>from</c> takes its <c>to</c> (all at
    /// once, so A→B and B→C send A to B, not to C). Targets that are not categories yet are created (under the mapping's
    /// parent when it names one); categories mapped away and no mapping's target are removed. A <c>from</c> that is not a
    /// category is reported and skipped; categories no mapping names stay as they are.
    /// </summary>
    public TaxonomyPlan Map(IReadOnlyList<CategoryMappingRow> mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (mapping.Count == 0)
        {
            throw new TaxonomyEditException("The mapping is empty: give at least one row from,to.");
        }
        var warnings = new List<string>();
        var usable = new List<CategoryMappingRow>();
        foreach (var row in mapping)
        {
            if (Find(row.From) is { } known)
            {
                usable.Add(row with { From = known.Name, To = Find(row.To)?.Name ?? row.To.Trim() });
            }
            else
            {
                warnings.Add($"{RowName(row)}: \"{row.From}\" is not a category of {Axis}; the row was skipped.");
            }
        }
        var moves = usable.Where(r => r.From != r.To).Select(r => new LabelMove(r.From, r.To, _byName[r.From].Records)).ToList();
        var targets = usable.Select(r => r.To).ToHashSet(StringComparer.Ordinal);
        var removed = moves.Select(m => m.From).Where(f => !targets.Contains(f)).ToHashSet(StringComparer.Ordinal);
        var movedTo = moves.ToDictionary(m => m.From, m => m.To, StringComparer.Ordinal);
        var parents = usable.Where(r => !string.IsNullOrWhiteSpace(r.Parent)).GroupBy(r => r.To, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Parent!.Trim(), StringComparer.Ordinal);
        var after = new List<TaxonomyNode>();
        foreach (var node in Nodes.Where(n => !removed.Contains(n.Name)))
        {
            var parent = parents.GetValueOrDefault(node.Name) ?? node.Parent;
            after.Add(node with { Parent = parent is not null && removed.Contains(parent) ? movedTo[parent] : parent });
        }
        foreach (var target in targets.Where(t => !_byName.ContainsKey(t)).Order(StringComparer.Ordinal))
        {
            after.Add(new TaxonomyNode(target, parents.GetValueOrDefault(target)));
        }
        // A parent the mapping names but nothing defines becomes a category of its own, at the top.
        foreach (var parent in after.Select(n => n.Parent).OfType<string>().Distinct().Where(p => after.All(n => n.Name != p)).ToList())
        {
            after.Add(new TaxonomyNode(parent, null));
        }
        foreach (var node in after.Where(n => n.Name == n.Parent).ToList())
        {
            after[after.IndexOf(node)] = node with { Parent = null };
        }
        if (after.FirstOrDefault(n => n.Name.Length > MaxCategoryLength) is { } tooLong)
        {
            throw new TaxonomyEditException($"A category name has at most {MaxCategoryLength} characters; \"{tooLong.Name[..20]}…\" has {tooLong.Name.Length}.");
        }
        var records = moves.Sum(m => m.Records);
        return Plan($"Map {Count(usable.Count)} categories of {Axis} onto a new taxonomy ({Count(removed.Count)} removed, {Count(targets.Count(t => !_byName.ContainsKey(t)))} new)",
            after, moves, records, warnings);
    }

    private TaxonomyPlan Plan(string description, IReadOnlyList<TaxonomyNode> after, IReadOnlyList<LabelMove> moves, long records, IReadOnlyList<string>? warnings = null) =>
        new(description, Nodes, after, moves, records, warnings ?? []);

    private CategoryCount? Find(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return _byName.GetValueOrDefault(trimmed) ?? Categories.FirstOrDefault(c => string.Equals(c.Name, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    private CategoryCount Require(string? name) => Find(name) ?? throw new TaxonomyEditException(
        $"\"{name}\" is not a category of {Axis}." + (Categories.Count is > 0 and <= 30 ? $" Its categories: {string.Join(", ", Categories.Select(c => c.Name))}." : ""));

    private string? ExistingParent(string? parent) => string.IsNullOrWhiteSpace(parent) ? null : Require(parent).Name;

    private static string ValidName(string? name, string what)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length switch
        {
            0 => throw new TaxonomyEditException($"{what} needs a name."),
            > MaxCategoryLength => throw new TaxonomyEditException($"{what} has {trimmed.Length} characters; a category name has at most {MaxCategoryLength}."),
            _ => trimmed,
        };
    }

    private static string RowName(CategoryMappingRow row) => row.RowNumber is { } n ? string.Create(CultureInfo.InvariantCulture, $"Row {n}") : $"\"{row.From}\"";

    private static string Quote(string name) => $"\"{name}\"";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
