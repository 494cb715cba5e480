using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Features.Corrections;

/// <summary>Finds an axis or category by the name a person or a script typed, or says which names are valid.</summary>
public static class TaxonomyNames
{
    private const int ListAllUpTo = 30;
    private const int ClosestShown = 10;

    public static AxisDefinition Axis(MappedClassifier model, string? axis, string workspace) => Axis(model.Axes, axis, workspace);

    public static AxisDefinition Axis(IReadOnlyList<AxisDefinition> axes, string? axis, string workspace)
    {
        var found = axes.FirstOrDefault(a => string.Equals(a.Name, axis, StringComparison.Ordinal))
            ?? axes.FirstOrDefault(a => string.Equals(a.Name, axis, StringComparison.OrdinalIgnoreCase));
        return found ?? throw StudioProblem.BadRequest(
            $"Unknown axis \"{axis}\" in workspace {workspace}. Valid axes: {string.Join(", ", axes.Select(a => a.Name))}.");
    }

    /// <summary>The category named (or displayed as) <paramref name="label"/>; the error lists every category, or the closest ones and where to find all.</summary>
    public static CategoryDefinition Category(AxisDefinition axis, string? label, string workspace)
    {
        var found = axis.Categories.FirstOrDefault(c => string.Equals(c.Name, label, StringComparison.Ordinal))
            ?? axis.Categories.FirstOrDefault(c => string.Equals(c.Name, label, StringComparison.OrdinalIgnoreCase))
            ?? axis.Categories.FirstOrDefault(c => string.Equals(c.DisplayName, label, StringComparison.OrdinalIgnoreCase));
        if (found is not null)
        {
            return found;
        }
        var message = axis.Count <= ListAllUpTo
            ? $"Valid categories: {string.Join(", ", axis.Categories.Select(c => c.Name))}."
            : $"Closest categories: {string.Join(", ", Closest(axis, label ?? "").Select(c => c.Name))}. All {axis.Count} are listed by GET /api/axes?workspace={Uri.EscapeDataString(workspace)}.";
        throw StudioProblem.BadRequest($"Unknown category \"{label}\" on axis {axis.Name}. {message}");
    }

    private static IEnumerable<CategoryDefinition> Closest(AxisDefinition axis, string label)
    {
        var wanted = Bigrams(label);
        return axis.Categories
            .Select(c => (Category: c, Score: Math.Max(Dice(wanted, Bigrams(c.Name)), Dice(wanted, Bigrams(c.Label)))))
            .OrderByDescending(s => s.Score)
            .Take(ClosestShown)
            .Select(s => s.Category);
    }

    private static HashSet<string> Bigrams(string text)
    {
        var lower = text.ToLowerInvariant();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < lower.Length; i++)
        {
            grams.Add(lower.Substring(i, 2));
        }
        return grams;
    }

    private static double Dice(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);
}
