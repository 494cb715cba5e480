using JobTitleStudio.Core.Rules;

namespace JobTitleStudio.Core.Tests.Rules;

public sealed class RuleBaselineTests
{
    private static AxisRules Function(params (string Keyword, string Category, int Priority)[] rules) =>
        RuleSet.Create(rules.Select(r => new KeywordRule("Function", r.Keyword, r.Category, r.Priority))).ForAxis("Function");

    [Fact]
    public void AnUnmatchedTitleCountsAsWrongInAccuracyButNotInAccuracyWhenMatched()
    {
        var rules = Function(("sales", "Sales", 1), ("market*", "Marketing", 2));
        string[] titles = ["Sales Manager", "Marketing Lead", "Sales and Marketing Director", "Recruiter"];
        string[] labels = ["Sales", "Marketing", "Marketing", "Human Resources"];

        var baseline = RuleBaseline.Evaluate(rules, titles, labels);

        // "Sales and Marketing Director" goes to Sales (priority 1), which is wrong; Recruiter matches nothing.
        Assert.Equal(new RuleBaselineMetrics(4, 3, 2, 2, 0.5, 0.75, 2.0 / 3, baseline.MacroF1), baseline);
        // Per labelled category: Sales F1 2/3 (1 right of 2 predicted), Marketing 2/3 (1 of 2 labelled), HR 0.
        Assert.Equal((2.0 / 3 + 2.0 / 3 + 0) / 3, baseline.MacroF1, 10);
    }

    [Fact]
    public void TitlesWithoutALabelAreLeftOut()
    {
        var baseline = RuleBaseline.Evaluate(Function(("sales", "Sales", 1)), ["Sales Rep", "Sales Lead"], ["Sales", ""]);

        Assert.Equal(1, baseline.Evaluated);
        Assert.Equal(1.0, baseline.Accuracy);
    }

    [Fact]
    public void AnAxisWithoutRulesCoversNothing()
    {
        var baseline = RuleBaseline.Evaluate(null, ["Sales Rep"], ["Sales"]);

        Assert.Equal(new RuleBaselineMetrics(1, 0, 0, 0, 0, 0, 0, 0), baseline);
    }

    [Fact]
    public void TitlesAndLabelsMustPairUp() =>
        Assert.Throws<ArgumentException>(() => RuleBaseline.Evaluate(null, ["a", "b"], ["x"]));
}
