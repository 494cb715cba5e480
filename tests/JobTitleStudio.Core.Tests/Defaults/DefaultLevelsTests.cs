using JobTitleStudio.Core.Defaults;
using JobTitleStudio.Core.Rules;

namespace JobTitleStudio.Core.Tests.Defaults;

public sealed class DefaultLevelsTests
{
    private static readonly AxisRules Rules = DefaultLevels.LoadRules();

    [Theory]
    [InlineData("Founder & CEO", "Owner/Founder")]
    [InlineData("Co-Founder", "Owner/Founder")]
    [InlineData("Owner", "Owner/Founder")]
    [InlineData("Managing Partner", "Owner/Founder")]
    [InlineData("Partner", "Owner/Founder")]
    [InlineData("Inhaber", "Owner/Founder")]
    [InlineData("Chief Technology Officer", "C-Level")]
    [InlineData("CTO", "C-Level")]
    [InlineData("Chief Information Security Officer", "C-Level")]
    [InlineData("President", "C-Level")]
    [InlineData("Managing Director", "C-Level")]
    [InlineData("Geschäftsführer", "C-Level")]
    [InlineData("Director General", "C-Level")]
    [InlineData("Vice President, Engineering", "VP")]
    [InlineData("Vice-President Sales", "VP")]
    [InlineData("SVP Sales", "VP")]
    [InlineData("Sr. VP Marketing", "VP")]
    [InlineData("AVP - Technology", "VP")]
    [InlineData("Director of IT", "Director")]
    [InlineData("Senior Director, Product", "Director")]
    [InlineData("Associate Director", "Director")]
    [InlineData("Head of Marketing", "Director")]
    [InlineData("Chief of Staff", "Director")]
    [InlineData("Abteilungsleiter Einkauf", "Director")]
    [InlineData("Leiterin Personal", "Director")]
    [InlineData("Directora de Recursos Humanos", "Director")]
    [InlineData("General Manager", "Director")]
    [InlineData("Marketing Manager", "Manager")]
    [InlineData("Senior Manager", "Manager")]
    [InlineData("Assistant Manager", "Manager")]
    [InlineData("Store Supervisor", "Manager")]
    [InlineData("Gerente de Ventas", "Manager")]
    [InlineData("Jefe de Proyecto", "Manager")]
    [InlineData("Head Chef", "Manager")]
    [InlineData("Lead Generation Manager", "Manager")]
    [InlineData("Team Lead", "Lead")]
    [InlineData("Principal Engineer", "Lead")]
    [InlineData("Teamleiter Kundenservice", "Lead")]
    [InlineData("Senior Software Engineer", "Senior")]
    [InlineData("Sr Data Analyst", "Senior")]
    [InlineData("Staff Engineer", "Senior")]
    [InlineData("Senior Associate", "Senior")]
    [InlineData("Software Engineer", "Professional")]
    [InlineData("Registered Nurse", "Professional")]
    [InlineData("Product Owner", "Professional")]
    [InlineData("HR Business Partner", "Professional")]
    [InlineData("Lead Generation Specialist", "Professional")]
    [InlineData("Junior Developer", "Entry")]
    [InlineData("Jr. Accountant", "Entry")]
    [InlineData("Executive Assistant to the CEO", "Entry")]
    [InlineData("Administrative Assistant", "Entry")]
    [InlineData("Graduate Engineer", "Entry")]
    [InlineData("Marketing Intern", "Intern/Student")]
    [InlineData("Summer Internship - Finance", "Intern/Student")]
    [InlineData("Werkstudent Vertrieb", "Intern/Student")]
    [InlineData("Praktikantin Marketing", "Intern/Student")]
    [InlineData("Auszubildender Industriekaufmann", "Intern/Student")]
    [InlineData("Becario de Marketing", "Intern/Student")]
    [InlineData("PhD Student", "Intern/Student")]
    [InlineData("Student Services Director", "Director")]
    [InlineData("Student Loan Counselor", "Professional")]
    [InlineData("Special Education Teacher for Gifted Students", "Professional")]
    [InlineData("Chief Nursing Officer", "C-Level")]
    [InlineData("Chief Operating Officer", "C-Level")]
    [InlineData("Police Chief", "Director")]
    [InlineData("Chief Technician", "Director")]
    [InlineData("Dean of Students", "Director")]
    [InlineData("High School Principal", "Director")]
    [InlineData("International Sales Representative", "Professional")]
    [InlineData("", "Unknown")]
    [InlineData("12345", "Unknown")]
    [InlineData("--- / ---", "Unknown")]
    public void RealTitlesGetTheExpectedLevel(string title, string level) =>
        Assert.Equal(level, DefaultLevels.Classify(Rules, title));

    [Fact]
    public void TheLevelsAreTheElevenOrderedCategoriesAndTheRulesUseOnlyThem()
    {
        var levels = CategoryTable.Load(DefaultModelFiles.PathOf(DefaultModelFiles.Levels));

        Assert.Equal(
            ["Owner/Founder", "C-Level", "VP", "Director", "Manager", "Lead", "Senior", "Professional", "Entry", "Intern/Student", "Unknown"],
            levels.OrderBy(l => l.Order).Select(l => l.Name));
        Assert.Equal(Enumerable.Range(1, 11), levels.Select(l => l.Order!.Value).Order());
        Assert.Subset(levels.Select(l => l.Name).ToHashSet(), Rules.Rules.Select(r => r.Category).ToHashSet());
    }

    [Fact]
    public void TheFunctionTableGivesEveryFunctionADisplayNameAndDescription()
    {
        var functions = CategoryTable.Load(DefaultModelFiles.PathOf(DefaultModelFiles.Functions));

        Assert.InRange(functions.Count, 18, 26);
        Assert.All(functions, f => Assert.False(string.IsNullOrWhiteSpace(f.DisplayName) || string.IsNullOrWhiteSpace(f.Description), f.Name));
    }
}
