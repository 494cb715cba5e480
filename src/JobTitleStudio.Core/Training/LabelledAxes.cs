using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.Training;

/// <summary>How one axis built from labels behaves: multi-label, its Other category, its abstain threshold.</summary>
public sealed record AxisSettings(bool MultiLabel = false, string? Other = null, double? Threshold = null);

/// <summary>
/// A taxonomy taken from labelled data, as <c>jts train</c> and the Models page both build it: each axis's categories
/// are the distinct labels it carries (ordinal order), and each row becomes a <see cref="TrainingRow"/>.
/// </summary>
public static class LabelledAxes
{
    /// <summary>Labels of one cell: the whole cell on a single-label axis, ';'-separated parts on a multi-label one.</summary>
    public static string[] SplitLabels(string cell, bool multiLabel) =>
        cell.Length == 0 ? []
        : multiLabel ? cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : [cell];

    /// <summary>The axes named <paramref name="axisNames"/>, in that order; <paramref name="labels"/> gives each row's cell per axis in the same order.</summary>
    public static IReadOnlyList<AxisDefinition> FromLabels(IReadOnlyList<string> axisNames, IEnumerable<IReadOnlyList<string>> labels, Func<string, AxisSettings>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(axisNames);
        ArgumentNullException.ThrowIfNull(labels);
        var chosen = axisNames.Select(name => settings?.Invoke(name) ?? new AxisSettings()).ToList();
        var categories = axisNames.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        foreach (var row in labels)
        {
            for (var a = 0; a < axisNames.Count; a++)
            {
                categories[a].UnionWith(SplitLabels(row[a], chosen[a].MultiLabel));
            }
        }
        return [.. axisNames.Select((name, a) => new AxisDefinition(
            name,
            categories[a].Order(StringComparer.Ordinal).Select(c => new CategoryDefinition(c)),
            chosen[a].MultiLabel,
            chosen[a].Other ?? AxisDefinition.DefaultOtherCategory,
            chosen[a].Threshold))];
    }

    /// <summary>A training row of <paramref name="title"/> with its cells split per axis (an empty cell gives the axis no label).</summary>
    public static TrainingRow TrainingRow(IReadOnlyList<AxisDefinition> axes, string title, IReadOnlyList<string> cells)
    {
        var labels = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var a = 0; a < axes.Count; a++)
        {
            labels[axes[a].Name] = SplitLabels(cells[a], axes[a].MultiLabel);
        }
        return new TrainingRow(title, labels);
    }
}
