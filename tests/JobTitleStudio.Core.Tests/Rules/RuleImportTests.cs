using System.Text;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Core.Tests.Defaults;

namespace JobTitleStudio.Core.Tests.Rules;

public sealed class RuleImportTests
{
    private static RuleImportResult Csv(string text, string axis = "Role") =>
        RuleImport.FromCsv(new MemoryStream(Encoding.UTF8.GetBytes(text)), axis);

    [Fact]
    public void GoodRowsAreKeptAndBadRowsAreReportedByRowAndColumn()
    {
        var result = Csv(
            "keyword,category,priority\n" +
            "security,Information Security,2\n" +
            "chief tech*,IT General,ten\n" +
            "network,,5\n" +
            "*,Oops,1\n" +
            "Security,Other,9\n" +
            "firewall,Networking,3\n");

        Assert.Equal(["security", "firewall"], result.Rules.Select(r => r.Keyword));
        Assert.Equal(
        [
            "Row 3, column \"priority\": the priority \"ten\" is not a whole number; lower numbers win, as in 1, 10, 50.",
            "Row 4, column \"category\": the category is empty.",
            "Row 5, column \"keyword\": the keyword \"*\" has no letters or digits to match.",
            "Row 6: the keyword \"Security\" is already a rule on row 2 for the axis Role; this row was skipped.",
        ], result.Errors.Select(e => e.Message));
        Assert.Equal([3L, 4L, 5L, 6L], result.Errors.Select(e => e.RowNumber!.Value));
    }

    [Fact]
    public void ColumnsAreFoundByNameAndAnAxisColumnOverridesTheDefaultAxis()
    {
        var result = Csv("priority,axis,keyword,category,note\n1,Level,director,Director,why\n2,,sales,Sales,\n", axis: "Function");

        Assert.Equal(
        [
            new KeywordRule("Level", "director", "Director", 1),
            new KeywordRule("Function", "sales", "Sales", 2),
        ], result.Rules);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void AFileWithoutHeaderIsReadAsKeywordCategoryPriority()
    {
        var result = Csv("vp,VP,20\nvice president,VP,20\n");

        Assert.Equal(2, result.Rules.Count);
        Assert.Equal(new KeywordRule("Role", "vice president", "VP", 20), result.Rules[1]);
    }

    [Fact]
    public void AHeaderWithoutTheNeededColumnsIsOneClearError()
    {
        var result = Csv("word,label\nvp,VP\n");

        Assert.Empty(result.Rules);
        Assert.StartsWith("The header has no column named keyword, category, priority;", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableFileIsAnErrorNotAnException()
    {
        var result = Csv("");

        Assert.Equal("The file is empty: there are no rows to read.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void AKeywordMapGetsItsPrioritiesFromTheOrderOfItsCategories()
    {
        var result = RuleImport.FromKeywordMap(new MemoryStream(Encoding.UTF8.GetBytes(
            "{ \"Student\": [\"intern\", \"trainee\"], \"Manager\": [\"manager\", \"head\"], \"C-Level\": [\"chief\"] }")), "Level");

        Assert.Equal([1, 1, 2, 2, 3], result.Rules.Select(r => r.Priority));
        Assert.Equal("Student", RuleSet.Create(result.Rules).Classify("Intern Manager", "Level"));
    }

    [Fact]
    public void AKeywordMapCanUseOneGivenPriority()
    {
        var result = RuleImport.FromKeywordMap(new MemoryStream(Encoding.UTF8.GetBytes("{ \"A\": [\"x\"], \"B\": [\"y z\"] }")), "Level", priority: 50);

        Assert.All(result.Rules, r => Assert.Equal(50, r.Priority));
    }

    [Fact]
    public void KeywordMapProblemsAreReportedByCategoryAndPosition()
    {
        var result = RuleImport.FromKeywordMap(new MemoryStream(Encoding.UTF8.GetBytes(
            "{ \"A\": [\"lead\", 5], \"B\": \"oops\", \"C\": [\"Lead\", \"ok\"] }")), "Level");

        Assert.Equal(["lead", "ok"], result.Rules.Select(r => r.Keyword));
        Assert.Equal(
        [
            "Category \"A\", keyword 2: the keyword must be a string.",
            "Category \"B\": the value must be a list of keywords.",
            "Category \"C\", keyword 1: \"Lead\" is already a keyword of \"A\"; it was skipped.",
        ], result.Errors.Select(e => e.Message));
    }

    [Fact]
    public void InvalidJsonIsOneClearError()
    {
        var result = RuleImport.FromKeywordMap(new MemoryStream(Encoding.UTF8.GetBytes("{ \"A\": [")), "Level");

        Assert.StartsWith("The keyword map is not valid JSON", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSeedKeywordMapsLoadAndClassify()
    {
        var root = RepoPaths.Source("seed-keyword-maps");
        using var levels = File.OpenRead(Path.Combine(root, "job-levels.json"));
        using var areas = File.OpenRead(Path.Combine(root, "job-areas.json"));

        var levelRules = RuleImport.FromKeywordMap(levels, "Level");
        var areaRules = RuleImport.FromKeywordMap(areas, "Area");
        var set = RuleSet.Create([.. levelRules.Rules, .. areaRules.Rules]);

        Assert.True(levelRules.Rules.Count > 100);
        Assert.Equal("Student", set.Classify("Marketing Intern", "Level"));
        Assert.Equal("Healthcare", set.Classify("Registered Nurse", "Area"));
    }
}
