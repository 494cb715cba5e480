using JobTitleStudio.Core.Evaluation;

namespace JobTitleStudio.Core.Rules;

/// <summary>
/// How keyword rules alone do on labelled titles, measured like a model: a title no rule matches counts as wrong in
/// <see cref="Accuracy"/>, so the figure sits next to a model's accuracy on the same records.
/// </summary>
/// <param name="Evaluated">Titles with a label on the axis.</param>
/// <param name="Covered">Titles at least one rule matched.</param>
/// <param name="Correct">Titles whose winning rule's category is their label.</param>
/// <param name="Rules">Enabled rules the axis had when measured.</param>
public sealed record RuleBaselineMetrics(int Evaluated, int Covered, int Correct, int Rules, double Accuracy, double Coverage, double AccuracyWhenMatched, double MacroF1);

public static class RuleBaseline
{
    /// <summary>Scores the rules' winning categories against <paramref name="labels"/>; an empty label leaves its title out.</summary>
    /// <param name="rules">The axis's rules, or null when it has none (every title is then uncovered).</param>
    public static RuleBaselineMetrics Evaluate(AxisRules? rules, IReadOnlyList<string> titles, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(titles);
        ArgumentNullException.ThrowIfNull(labels);
        if (titles.Count != labels.Count)
        {
            throw new ArgumentException($"{titles.Count} titles but {labels.Count} labels; give one label per title.", nameof(labels));
        }
        // Metrics works on category numbers: number every category as it is first seen, truth or prediction.
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        int Number(string category) => numbers.TryGetValue(category, out var n) ? n : numbers[category] = numbers.Count;
        var items = new List<EvaluationItem>();
        var covered = 0;
        for (var i = 0; i < titles.Count; i++)
        {
            if (string.IsNullOrEmpty(labels[i]))
            {
                continue;
            }
            var category = rules?.Classify(titles[i]);
            if (category is not null)
            {
                covered++;
            }
            items.Add(new EvaluationItem(Number(labels[i]), category is null ? [] : [Number(category)], category is null ? 0 : 1));
        }
        var accuracy = Metrics.TopK(items, 1);
        var correct = (int)Math.Round(accuracy * items.Count);
        // Macro-F1 over the labelled categories only: a title no rule matched has no predicted category to score.
        var macroF1 = Metrics.MacroF1([.. Metrics.PerCategory(items).Where(c => c.Support > 0)]);
        return new RuleBaselineMetrics(items.Count, covered, correct, rules?.Rules.Count ?? 0, accuracy,
            items.Count == 0 ? 0 : (double)covered / items.Count, covered == 0 ? 0 : (double)correct / covered, macroF1);
    }
}
