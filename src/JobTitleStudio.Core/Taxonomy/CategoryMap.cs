using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Taxonomy;

/// <summary>
/// Where a model's categories stand in the taxonomy as it is now: per axis, each model category the taxonomy edits since
/// the model was trained moved, and the category it is now part of. A model answers the categories it learned; this map
/// lets it answer the current ones until a version trained on them is live. Built by <see cref="CategoryMapBuilder"/>;
/// categories and axes it does not name keep their name.
/// </summary>
public sealed class CategoryMap
{
    private readonly Dictionary<string, Dictionary<string, Moved>> _axes;

    private CategoryMap(Dictionary<string, Dictionary<string, Moved>> axes) => _axes = axes;

    /// <summary>No category moved: the model's answers are the taxonomy's.</summary>
    public static CategoryMap Identity { get; } = new(new Dictionary<string, Dictionary<string, Moved>>(StringComparer.Ordinal));

    public bool IsIdentity => _axes.Count == 0;

    /// <summary>The model axes with at least one category that has another name now.</summary>
    public IReadOnlyCollection<string> MappedAxes => _axes.Keys;

    /// <summary>The current name of the model's <paramref name="category"/> on <paramref name="axis"/> (its own name when no edit moved it).</summary>
    public string Name(string axis, string category) =>
        _axes.TryGetValue(axis, out var moved) && moved.TryGetValue(category, out var to) ? to.Name : category;

    /// <summary>Every model category of <paramref name="axis"/> that has another name now, with that name.</summary>
    public IReadOnlyDictionary<string, string> Changes(string axis) =>
        _axes.TryGetValue(axis, out var moved) ? moved.ToDictionary(m => m.Key, m => m.Value.Name, StringComparer.Ordinal) : new Dictionary<string, string>();

    /// <summary>The mapping of one model axis onto its current categories, or null when none of its categories moved.</summary>
    public AxisCategoryMap? For(AxisDefinition modelAxis)
    {
        ArgumentNullException.ThrowIfNull(modelAxis);
        return _axes.TryGetValue(modelAxis.Name, out var moved) ? new AxisCategoryMap(modelAxis, moved) : null;
    }

    internal static CategoryMap From(Dictionary<string, Dictionary<string, Moved>> axes) =>
        axes.Count == 0 ? Identity : new CategoryMap(axes);

    /// <summary>A moved model category: its current name, and the records it carried when an edit first moved it off its own name.</summary>
    internal sealed record Moved(string Name, long Records);
}

/// <summary>
/// One model axis seen through a <see cref="CategoryMap"/>: the axis with its current categories, and the prediction of the
/// model turned into one on those categories.
/// </summary>
public sealed class AxisCategoryMap
{
    private readonly int[] _target;
    private readonly string[] _modelCategory;

    internal AxisCategoryMap(AxisDefinition model, IReadOnlyDictionary<string, CategoryMap.Moved> moved)
    {
        Model = model;
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        _target = new int[model.Count];
        var records = new Dictionary<int, long>();
        var chosen = new List<int>();
        for (var c = 0; c < model.Count; c++)
        {
            var own = model.Categories[c].Name;
            var name = moved.TryGetValue(own, out var to) ? to.Name : own;
            if (!index.TryGetValue(name, out var t))
            {
                t = names.Count;
                index.Add(name, t);
                names.Add(name);
                chosen.Add(c);
            }
            _target[c] = t;
            // A correction to a current category teaches the model one of its categories: the one of that name when the
            // model has it, else the one that carried the most records into it (the first on ties).
            var weight = name == own ? long.MaxValue : to!.Records;
            if (!records.TryGetValue(t, out var best) || weight > best)
            {
                records[t] = weight;
                chosen[t] = c;
            }
        }
        _modelCategory = [.. chosen.Select(c => model.Categories[c].Name)];
        var categories = new List<CategoryDefinition>(names.Count);
        for (var t = 0; t < names.Count; t++)
        {
            var source = model.Categories[chosen[t]];
            var parent = source.Parent is { } p && model.TryIndexOf(p, out var pi) ? names[_target[pi]] : null;
            categories.Add(new CategoryDefinition(names[t], source.Name == names[t] ? source.DisplayName : null, parent == names[t] ? null : parent));
        }
        Axis = new AxisDefinition(model.Name, categories, model.MultiLabel, names[_target[model.OtherIndex]], model.Threshold);
    }

    /// <summary>The axis as the model learned it.</summary>
    public AxisDefinition Model { get; }

    /// <summary>The axis with its current categories, in the order of the model's first category mapped onto each.</summary>
    public AxisDefinition Axis { get; }

    /// <summary>The model category a correction to <paramref name="category"/> (a current category) teaches, or null when no model category maps onto it.</summary>
    public string? ModelCategory(string category) => Axis.TryIndexOf(category, out var t) ? _modelCategory[t] : null;

    /// <summary>
    /// The model's answer on this axis in current categories. Single-label: the probabilities of model categories mapped
    /// onto one category add up. Multi-label: they are independent per category, so the chance that any of them applies
    /// (1 - the product of 1 - p) is kept, which never exceeds 1. Then the ranking, the top <paramref name="topN"/>, the
    /// label and abstaining are worked out again with the axis's threshold and Other category. The explanation is kept
    /// only when the winner is still the model's winner's category (it weighs that category's features); nearest titles
    /// keep their order with their labels renamed.
    /// </summary>
    /// <param name="prediction">The model's prediction with its <see cref="AxisPrediction.Distribution"/> (see <see cref="MappedClassifier"/>), so every mass is counted; without one, its ranked top is what is added up.</param>
    /// <param name="distribution">Return the current categories' probabilities as <see cref="AxisPrediction.Distribution"/>.</param>
    public AxisPrediction Map(AxisPrediction prediction, int topN, bool distribution = false)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var count = Axis.Count;
        var probability = new float[count];
        var multiLabel = Axis.MultiLabel;
        if (multiLabel)
        {
            Array.Fill(probability, 1f);
        }
        var modelWinner = -1;
        if (prediction.Top.Count > 0 && Model.TryIndexOf(prediction.Top[0].Category, out var first))
        {
            modelWinner = _target[first];
        }
        if (prediction.Distribution is { } model && model.Count == Model.Count)
        {
            for (var c = 0; c < model.Count; c++)
            {
                Add(probability, _target[c], model[c], multiLabel);
            }
        }
        else
        {
            foreach (var score in prediction.Top)
            {
                if (Model.TryIndexOf(score.Category, out var c))
                {
                    Add(probability, _target[c], score.Probability, multiLabel);
                }
            }
        }
        if (multiLabel)
        {
            for (var t = 0; t < count; t++)
            {
                probability[t] = 1f - probability[t];
            }
        }
        var ranked = new int[Math.Min(topN, count)];
        TopSelection.Largest(probability, ranked);
        var top = new CategoryScore[ranked.Length];
        for (var i = 0; i < top.Length; i++)
        {
            top[i] = new CategoryScore(Axis.Categories[ranked[i]].Name, probability[ranked[i]]);
        }
        var winner = ranked[0];
        var best = probability[winner];
        string[] labels;
        bool abstained;
        if (multiLabel)
        {
            var threshold = Axis.Threshold ?? AxisDefinition.DefaultMultiLabelThreshold;
            labels = [.. Enumerable.Range(0, count).Where(t => probability[t] >= threshold).OrderByDescending(t => probability[t]).Select(t => Axis.Categories[t].Name)];
            abstained = labels.Length == 0;
        }
        else
        {
            abstained = Axis.Threshold is { } threshold && best < threshold;
            labels = [abstained ? Axis.OtherCategory : Axis.Categories[winner].Name];
        }
        return prediction with
        {
            Distribution = distribution ? probability : null,
            Label = abstained ? Axis.OtherCategory : labels[0],
            Probability = best,
            Abstained = abstained,
            Labels = labels,
            Top = top,
            Explanation = winner == modelWinner ? prediction.Explanation : null,
            Nearest = prediction.Nearest?.Select(n => n with { Labels = Rename(n.Labels) }).ToList(),
        };
    }

    private static void Add(float[] probability, int target, float p, bool multiLabel)
    {
        if (multiLabel)
        {
            probability[target] *= 1f - p;
        }
        else
        {
            probability[target] += p;
        }
    }

    private string[] Rename(IReadOnlyList<string> labels) =>
        [.. labels.Select(l => Model.TryIndexOf(l, out var c) ? Axis.Categories[_target[c]].Name : l).Distinct(StringComparer.Ordinal)];
}
