using JobTitleStudio.Core.Rules;

namespace JobTitleStudio.Core.Tests.Rules;

public sealed class KeywordSyntaxTests
{
    [Theory]
    [InlineData("", "the keyword is empty")]
    [InlineData("--", "the keyword \"--\" has no letters or digits to match")]
    [InlineData("chief *tech", "the keyword \"chief *tech\" has a * that does not end a word; write * right after a word, as in \"chief tech*\"")]
    public void AKeywordThatCannotMatchSaysWhy(string keyword, string problem) =>
        Assert.Equal(problem, KeywordSyntax.Problem(keyword));

    [Fact]
    public void AKeywordThatCanMatchHasNoProblem() => Assert.Null(KeywordSyntax.Problem("chief tech*"));

    [Fact]
    public void KeywordsThatMatchTheSameTitlesShareAKey()
    {
        Assert.Equal(KeywordSyntax.Key("chief tech*"), KeywordSyntax.Key("  Chief   TECH*"));
        Assert.NotEqual(KeywordSyntax.Key("chief tech*"), KeywordSyntax.Key("chief tech"));
        Assert.Null(KeywordSyntax.Key(""));
    }
}
