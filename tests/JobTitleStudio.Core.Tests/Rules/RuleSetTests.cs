using JobTitleStudio.Core.Rules;

namespace JobTitleStudio.Core.Tests.Rules;

public sealed class RuleSetTests
{
    private static AxisRules Role(params (string Keyword, string Category, int Priority)[] rules) =>
        RuleSet.Create(rules.Select(r => new KeywordRule("Role", r.Keyword, r.Category, r.Priority))).ForAxis("Role");

    [Fact]
    public void ALowerPriorityNumberWinsAsInTheSeedKeywordTable()
    {
        var rules = Role(("chief tech*", "IT General", 10), ("security", "Information Security", 2));

        Assert.Equal("IT General", rules.Classify("Chief Technology Officer"));
        Assert.Equal("Information Security", rules.Classify("Chief Technology & Security Officer"));
    }

    [Fact]
    public void EqualPrioritiesGoToTheLongerPhrase()
    {
        var rules = Role(("president", "C-Level", 20), ("vice president", "VP", 20));

        Assert.Equal("VP", rules.Classify("Vice-President, Sales"));
        Assert.Equal("C-Level", rules.Classify("President"));
    }

    [Fact]
    public void EqualPriorityAndLengthGoToTheEarlierRule()
    {
        Assert.Equal("Sales", Role(("sales", "Sales", 5), ("marketing", "Marketing", 5)).Classify("Marketing & Sales Director"));
        Assert.Equal("Marketing", Role(("marketing", "Marketing", 5), ("sales", "Sales", 5)).Classify("Marketing & Sales Director"));
    }

    [Theory]
    [InlineData("Sr. Director, Sales")]
    [InlineData("SR DIRECTOR - SALES")]
    [InlineData("sr.director/sales")]
    public void PunctuationAndCaseDoNotMatter(string title)
    {
        var rules = Role(("sr director", "Senior Director", 1), ("sales", "Sales", 2));

        var evaluation = rules.Evaluate(title);

        Assert.Equal(["Senior Director", "Sales"], evaluation.Categories);
    }

    [Theory]
    [InlineData("International Sales Manager")]
    [InlineData("Internal Auditor")]
    public void KeywordsMatchWholeWordsOnly(string title) =>
        Assert.Null(Role(("intern", "Intern", 1)).Classify(title));

    [Theory]
    [InlineData("Chief Tech Officer", "IT General")]
    [InlineData("Chief Technologist", "IT General")]
    [InlineData("Chief Architect", null)]
    [InlineData("Technology Chief", null)]
    public void AStarEndsAWordThatMatchesAsAPrefix(string title, string? expected) =>
        Assert.Equal(expected, Role(("chief tech*", "IT General", 10)).Classify(title));

    [Theory]
    [InlineData("Geschäftsführerin")]
    [InlineData("GESCHAFTSFUHRER")]
    [InlineData("Gescha\u0308ftsfu\u0308hrer")]
    public void AccentsAreIgnoredOnBothSides(string title) =>
        Assert.Equal("C-Level", Role(("geschäftsführer*", "C-Level", 1)).Classify(title));

    [Fact]
    public void SharpSIsMatchedAsDoubleS() =>
        Assert.Equal("Found", Role(("strasse", "Found", 1)).Classify("Leiter Straßenbau Straße"));

    [Fact]
    public void EvaluationNamesEveryMatchWithItsPlaceInTheOriginalTitleBestFirst()
    {
        var rules = Role(("chief tech*", "IT General", 10), ("security", "Information Security", 2), ("officer", "Other", 50));

        var evaluation = rules.Evaluate("Deputy Chief Technology Security Officer");

        Assert.Equal("Information Security", evaluation.Category);
        Assert.True(evaluation.HasConflict);
        Assert.Equal(["security", "chief tech*", "officer"], evaluation.Matches.Select(m => m.Rule.Keyword));
        var chief = evaluation.Matches[1];
        Assert.Equal((7, 16, "Chief Technology"), (chief.Start, chief.Length, chief.MatchedText));
        Assert.Equal("\"chief tech*\" matched \"Chief Technology\": IT General (priority 10)", chief.Reason);
    }

    [Fact]
    public void MatchesOfOneCategoryAreNotAConflict()
    {
        var evaluation = Role(("sales", "Sales", 1), ("account executive", "Sales", 2)).Evaluate("Sales Account Executive");

        Assert.Equal(2, evaluation.Matches.Count);
        Assert.False(evaluation.HasConflict);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Registered Nurse")]
    public void NoMatchGivesNoCategory(string? title)
    {
        var rules = Role(("sales", "Sales", 1));

        Assert.Null(rules.Classify(title));
        Assert.Null(rules.Evaluate(title).Winner);
    }

    [Theory]
    [InlineData("*", "has no letters or digits")]
    [InlineData("ch*ief", "does not end a word")]
    [InlineData("*chief", "does not end a word")]
    [InlineData(" ", "the keyword is empty")]
    public void AKeywordThatCannotMatchIsRejectedNamingTheRule(string keyword, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => RuleSet.Create([new KeywordRule("Role", "sales", "Sales", 1), new KeywordRule("Role", keyword, "X", 1)]));

        Assert.StartsWith("Rule 2 (", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesOfSeveralAxesAreKeptApartAndAxisNamesIgnoreCase()
    {
        var set = RuleSet.Create(
        [
            new KeywordRule("Level", "director", "Director", 1),
            new KeywordRule("Function", "sales", "Sales", 1),
        ]);

        var all = set.EvaluateAll("Director of Sales");

        Assert.Equal(["Level", "Function"], set.Axes);
        Assert.Equal("Director", all["level"].Category);
        Assert.Equal("Sales", set.Classify("Director of Sales", "FUNCTION"));
        Assert.Null(set.Classify("Director of Sales", "Industry"));
        Assert.Throws<KeyNotFoundException>(() => set.ForAxis("Industry"));
    }

    [Fact]
    public void ManyRulesSharingAFirstWordStillPickTheBestMatch()
    {
        var rules = Role(("head", "Manager", 40), ("head of", "Director", 30), ("head of it", "IT Director", 30), ("head chef", "Chef", 35));

        Assert.Equal("IT Director", rules.Classify("Head of IT"));
        Assert.Equal("Director", rules.Classify("Head of Sales"));
        Assert.Equal("Chef", rules.Classify("Head Chef"));
        Assert.Equal("Manager", rules.Classify("Department Head"));
    }
}
