namespace JobTitleStudio.Core.Rules;

/// <summary>Keyword rules for any number of axes, compiled per axis. Immutable and safe to share between threads.</summary>
public sealed class RuleSet
{
    private readonly Dictionary<string, AxisRules> _axes;

    private RuleSet(IReadOnlyList<KeywordRule> rules, Dictionary<string, AxisRules> axes)
    {
        Rules = rules;
        _axes = axes;
    }

    /// <summary>All rules in the order given.</summary>
    public IReadOnlyList<KeywordRule> Rules { get; }

    /// <summary>The axes that have rules, in order of their first rule.</summary>
    public IReadOnlyList<string> Axes => [.. _axes.Keys];

    /// <summary>Compiles rules; their order breaks ties between equal priority and equal length.</summary>
    /// <exception cref="ArgumentException">A rule has no axis, no category or a keyword that cannot match; the message names the rule.</exception>
    public static RuleSet Create(IEnumerable<KeywordRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        var byAxis = new Dictionary<string, List<(KeywordRule, KeywordPattern)>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            var rule = list[i];
            var pattern = KeywordPattern.TryParse(rule.Keyword, out var error);
            if (string.IsNullOrWhiteSpace(rule.Axis))
            {
                error = "the axis is empty";
            }
            else if (string.IsNullOrWhiteSpace(rule.Category))
            {
                error = "the category is empty";
            }
            if (pattern is null || error is not null)
            {
                throw new ArgumentException($"Rule {i + 1} (\"{rule.Keyword}\" -> {rule.Category}): {error}.", nameof(rules));
            }
            if (!byAxis.TryGetValue(rule.Axis, out var axisRules))
            {
                byAxis[rule.Axis] = axisRules = [];
            }
            axisRules.Add((rule, pattern));
        }
        var compiled = byAxis.ToDictionary(a => a.Key, a => new AxisRules(a.Key, a.Value), StringComparer.OrdinalIgnoreCase);
        return new RuleSet(list, compiled);
    }

    /// <summary>The compiled rules of one axis (axis names ignore case).</summary>
    /// <exception cref="KeyNotFoundException">No rule has this axis.</exception>
    public AxisRules ForAxis(string axis) =>
        _axes.TryGetValue(axis, out var rules)
            ? rules
            : throw new KeyNotFoundException($"No rules for the axis \"{axis}\"; the rule set has: {string.Join(", ", _axes.Keys)}.");

    /// <summary>The winning category on an axis, or null when no rule matches or the axis has no rules.</summary>
    public string? Classify(string? title, string axis) =>
        _axes.TryGetValue(axis, out var rules) ? rules.Classify(title) : null;

    /// <summary>Every axis's matches for one title.</summary>
    public IReadOnlyDictionary<string, RuleEvaluation> EvaluateAll(string? title) =>
        _axes.ToDictionary(a => a.Key, a => a.Value.Evaluate(title), StringComparer.OrdinalIgnoreCase);
}
