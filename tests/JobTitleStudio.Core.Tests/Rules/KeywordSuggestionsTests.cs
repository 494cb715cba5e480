using JobTitleStudio.Core.Rules;

namespace JobTitleStudio.Core.Tests.Rules;

public sealed class KeywordSuggestionsTests
{
    private static readonly string[] Titles =
    [
        "Payroll Specialist", "Payroll Manager", "Recruiter", "Senior Recruiter", "HR Manager",
        "Sales Manager", "Sales Representative", "Account Executive", "Senior Account Executive",
    ];

    private static readonly string[] Labels =
    [
        "Human Resources", "Human Resources", "Human Resources", "Human Resources", "Human Resources",
        "Sales", "Sales", "Sales", "Sales",
    ];

    [Fact]
    public void WordsThatPointAtOneCategoryAreSuggestedAndSharedWordsAreNot()
    {
        var suggestions = KeywordSuggestions.FromRecords(Titles, Labels, rules: null);

        Assert.Equal(
            [("Human Resources", "payroll", 2, 2), ("Human Resources", "recruiter", 2, 2), ("Human Resources", "manager", 2, 3), ("Sales", "account", 2, 2), ("Sales", "executive", 2, 2), ("Sales", "sales", 2, 2)],
            suggestions.Select(s => (s.Category, s.Keyword, s.Records, s.Total)));
        // "manager" (2 HR, 1 Sales) is right two times in three, above 0.6, so it comes after the words that are always right;
        // "senior" (1 HR, 1 Sales) is right one time in two and is left out.
        Assert.DoesNotContain(suggestions, s => s.Keyword == "senior");
        Assert.Equal(1.0 / (5.0 / 9), suggestions[0].Lift, 10);
    }

    [Fact]
    public void AWordARuleAlreadyMatchesIsNotSuggested()
    {
        var rules = RuleSet.Create([new KeywordRule("Function", "recruit*", "Human Resources", 1)]).ForAxis("Function");

        var suggestions = KeywordSuggestions.FromRecords(Titles, Labels, rules);

        Assert.DoesNotContain(suggestions, s => s.Keyword == "recruiter");
        Assert.Contains(suggestions, s => s.Keyword == "payroll");
    }

    [Fact]
    public void PerCategoryKeepsTheBestWords()
    {
        var suggestions = KeywordSuggestions.FromRecords(Titles, Labels, rules: null, perCategory: 1);

        Assert.Equal(["payroll", "account"], suggestions.Select(s => s.Keyword));
    }

    [Fact]
    public void WithAModelTheWordsItFindsStrongestAloneComeFirst()
    {
        var model = new Dictionary<(string, string), double>
        {
            [("recruiter", "Human Resources")] = 0.9,
            [("payroll", "Human Resources")] = 0.7,
            [("sales", "Sales")] = 0.95,
        };

        var suggestions = KeywordSuggestions.FromRecords(Titles, Labels, rules: null, perCategory: 2,
            modelProbability: (word, category) => model.GetValueOrDefault((word, category)));

        Assert.Equal([("recruiter", 0.9), ("payroll", 0.7), ("sales", 0.95), ("account", 0.0)],
            suggestions.Select(s => (s.Keyword, s.ModelProbability!.Value)));
    }
}
