namespace JobTitleStudio.Core.Taxonomy;

/// <summary>
/// Builds a <see cref="CategoryMap"/> by replaying, in the order they were made, the taxonomy edits since a model was
/// trained and their undos. An edit moves every model category whose current name is a move's <c>from</c> to its
/// <c>to</c>, all moves at once (a mapping A→B, B→C sends A to B); successive edits compose. An undo puts back the
/// model categories its edit moved that no later edit has moved again, as undoing the edit does to record labels.
/// </summary>
public sealed class CategoryMapBuilder
{
    private readonly IReadOnlyList<AxisDefinition> _axes;
    private readonly Dictionary<string, Dictionary<string, CategoryMap.Moved>> _moved = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<Step>> _steps = [];

    /// <param name="modelAxes">The model's axes, as it learned them.</param>
    public CategoryMapBuilder(IReadOnlyList<AxisDefinition> modelAxes)
    {
        ArgumentNullException.ThrowIfNull(modelAxes);
        _axes = modelAxes;
    }

    /// <summary>
    /// Replays edit <paramref name="changeId"/> of <paramref name="axis"/> (matched to a model axis by name, ignoring case;
    /// an axis the model does not have is left alone). Moves of a name no model category has now change nothing: the
    /// model never answers it.
    /// </summary>
    public CategoryMapBuilder Apply(long changeId, string axis, IEnumerable<LabelMove> moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var definition = _axes.FirstOrDefault(a => a.Name == axis) ?? _axes.FirstOrDefault(a => string.Equals(a.Name, axis, StringComparison.OrdinalIgnoreCase));
        if (definition is null)
        {
            return this;
        }
        var to = new Dictionary<string, LabelMove>(StringComparer.Ordinal);
        foreach (var move in moves.Where(m => m.From != m.To))
        {
            to.TryAdd(move.From, move);
        }
        if (!_moved.TryGetValue(definition.Name, out var moved))
        {
            moved = new Dictionary<string, CategoryMap.Moved>(StringComparer.Ordinal);
        }
        var steps = new List<Step>();
        foreach (var category in definition.Categories.Select(c => c.Name))
        {
            var before = moved.GetValueOrDefault(category);
            if (to.TryGetValue(before?.Name ?? category, out var move))
            {
                var after = new CategoryMap.Moved(move.To, before?.Records ?? move.Records);
                Set(moved, category, after);
                steps.Add(new Step(definition.Name, category, before, after));
            }
        }
        if (moved.Count > 0)
        {
            _moved[definition.Name] = moved;
        }
        _steps[changeId] = steps;
        return this;
    }

    /// <summary>Takes back edit <paramref name="changeId"/>; an edit not replayed here (made before the model was trained) changes nothing.</summary>
    public CategoryMapBuilder Undo(long changeId)
    {
        if (!_steps.Remove(changeId, out var steps))
        {
            return this;
        }
        foreach (var step in steps)
        {
            var moved = _moved[step.Axis];
            if (moved.GetValueOrDefault(step.Category) == step.After)
            {
                Set(moved, step.Category, step.Before);
            }
            if (moved.Count == 0)
            {
                _moved.Remove(step.Axis);
            }
        }
        return this;
    }

    public CategoryMap Build() =>
        CategoryMap.From(_moved.ToDictionary(a => a.Key, a => new Dictionary<string, CategoryMap.Moved>(a.Value, StringComparer.Ordinal), StringComparer.Ordinal));

    private static void Set(Dictionary<string, CategoryMap.Moved> moved, string category, CategoryMap.Moved? to)
    {
        if (to is null || to.Name == category)
        {
            moved.Remove(category);
        }
        else
        {
            moved[category] = to;
        }
    }

    /// <summary>What one edit did to one model category, so its undo can tell whether a later edit moved it again.</summary>
    private sealed record Step(string Axis, string Category, CategoryMap.Moved? Before, CategoryMap.Moved After);
}
