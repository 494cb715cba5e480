using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Tests.Features;

public class HeadFinderTests
{
    private static TitleHead Head(string title, string language = "en") =>
        HeadFinder.Find(TitleNormalizer.Shipped.Normalize(title), language);

    [Fact]
    public void Sales_engineer_is_an_engineer_in_sales()
    {
        var head = Head("Sales Engineer");
        Assert.Equal("engineer", head.Head);
        Assert.Equal(["sales"], head.Modifiers);
    }

    [Fact]
    public void Professor_of_marketing_is_a_professor()
    {
        var head = Head("Professor of Marketing");
        Assert.Equal("professor", head.Head);
        Assert.Equal(["marketing"], head.Modifiers);
    }

    [Fact]
    public void Chief_police_officer_is_an_officer()
    {
        var head = Head("Chief Police Officer");
        Assert.Equal("officer", head.Head);
        Assert.Equal(["chief", "police"], head.Modifiers);
    }

    [Theory]
    [InlineData("VP, Marketing", "president")]
    [InlineData("Sales & Marketing Director", "director")]
    [InlineData("Administrative Assistant to John MacMillan", "assistant")]
    [InlineData("Software Engineer II", "engineer")]
    [InlineData("Head of Sales", "head")]
    [InlineData("VP Mktg", "president")]
    [InlineData("Sales Team Lead", "lead")]
    [InlineData("Code Ninja", "ninja")]
    [InlineData("Marketing - Director", "director")]
    [InlineData("SEO, UI/UX, Mktg Ops", "optimization")]
    public void Finds_english_heads_as_the_last_role_word_before_prepositions_and_separators(string title, string expected) =>
        Assert.Equal(expected, Head(title).Head);

    [Theory]
    [InlineData("Ingeniero de software", "ingeniero")]
    [InlineData("Director comercial", "director")]
    public void Finds_spanish_heads_first(string title, string expected) =>
        Assert.Equal(expected, Head(title, "es").Head);

    [Theory]
    [InlineData("Leiter Vertrieb", "leiter")]
    [InlineData("Technischer Leiter", "leiter")]
    [InlineData("Senior Vertriebsleiter", "vertriebsleiter")]
    public void Finds_german_heads_first_after_adjectives(string title, string expected) =>
        Assert.Equal(expected, Head(title, "de").Head);
}
