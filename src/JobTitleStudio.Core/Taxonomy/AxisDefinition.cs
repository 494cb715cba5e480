namespace JobTitleStudio.Core.Taxonomy;

/// <summary>
/// One way of classifying a title. The Other category is always part of the axis (appended when the
/// caller did not list it) so that an abstaining prediction still answers with a category of the axis.
/// </summary>
public sealed class AxisDefinition
{
    public const string DefaultOtherCategory = "Other";
    public const double DefaultMultiLabelThreshold = 0.5;

    private readonly CategoryDefinition[] _categories;
    private readonly Dictionary<string, int> _indexByName;

    public AxisDefinition(
        string name,
        IEnumerable<CategoryDefinition> categories,
        bool multiLabel = false,
        string otherCategory = DefaultOtherCategory,
        double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An axis needs a name such as \"Function\" or \"Level\".", nameof(name));
        }
        if (string.IsNullOrWhiteSpace(otherCategory))
        {
            throw new ArgumentException($"Axis \"{name}\" needs a non-empty Other category name (default \"{DefaultOtherCategory}\").", nameof(otherCategory));
        }
        if (threshold is { } t && (double.IsNaN(t) || t < 0 || t > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), $"Axis \"{name}\" threshold is {t}; use a probability between 0 and 1, or null to never abstain.");
        }

        var list = new List<CategoryDefinition>();
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var category in categories)
        {
            if (string.IsNullOrWhiteSpace(category.Name))
            {
                throw new ArgumentException($"Axis \"{name}\" has a category with an empty name; every category needs a name.", nameof(categories));
            }
            if (!_indexByName.TryAdd(category.Name, list.Count))
            {
                throw new ArgumentException($"Axis \"{name}\" lists category \"{category.Name}\" twice; category names must be distinct.", nameof(categories));
            }
            list.Add(category);
        }
        if (!_indexByName.ContainsKey(otherCategory))
        {
            _indexByName.Add(otherCategory, list.Count);
            list.Add(new CategoryDefinition(otherCategory));
        }
        foreach (var category in list)
        {
            if (category.Parent is { } parent && !_indexByName.ContainsKey(parent))
            {
                throw new ArgumentException($"Axis \"{name}\" category \"{category.Name}\" has parent \"{parent}\", which is not a category of the axis; add it or drop the parent.", nameof(categories));
            }
        }

        Name = name;
        _categories = [.. list];
        MultiLabel = multiLabel;
        OtherCategory = otherCategory;
        Threshold = threshold;
    }

    /// <summary>The axis name exactly as given (case kept).</summary>
    public string Name { get; }

    public IReadOnlyList<CategoryDefinition> Categories => _categories;

    public int Count => _categories.Length;

    public bool MultiLabel { get; }

    public string OtherCategory { get; }

    public int OtherIndex => _indexByName[OtherCategory];

    /// <summary>
    /// Single-label: abstain below this probability. Multi-label: every category at or above it is returned
    /// (<see cref="DefaultMultiLabelThreshold"/> when null). Null on a single-label axis means never abstain.
    /// </summary>
    public double? Threshold { get; }

    public int IndexOf(string category) =>
        _indexByName.TryGetValue(category, out var index)
            ? index
            : throw new ArgumentException($"\"{category}\" is not a category of axis \"{Name}\"; add it to the taxonomy first.", nameof(category));

    public bool TryIndexOf(string category, out int index) => _indexByName.TryGetValue(category, out index);

    /// <summary>Builds an axis whose categories are the distinct labels seen, in first-seen order.</summary>
    public static AxisDefinition FromLabels(string name, IEnumerable<string> labels, bool multiLabel = false, double? threshold = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var categories = new List<CategoryDefinition>();
        foreach (var label in labels)
        {
            if (seen.Add(label))
            {
                categories.Add(new CategoryDefinition(label));
            }
        }
        return new AxisDefinition(name, categories, multiLabel, threshold: threshold);
    }
}
