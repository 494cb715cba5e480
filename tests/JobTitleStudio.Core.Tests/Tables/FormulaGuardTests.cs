using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Core.Tests.Tables;

public sealed class FormulaGuardTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("+33 1 23 45 67", "'+33 1 23 45 67")]
    [InlineData("-", "'-")]
    [InlineData("- Sales", "'- Sales")]
    public void RiskyCellsGetALeadingApostrophe(string value, string expected) =>
        Assert.Equal(expected, FormulaGuard.Neutralise(value));

    [Theory]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("-3.25")]
    [InlineData("Sales Manager")]
    [InlineData("a=b")]
    [InlineData("")]
    public void PlainNumbersAndOrdinaryTextAreLeftAlone(string value) =>
        Assert.Equal(value, FormulaGuard.Neutralise(value));

    [Fact]
    public void NullBecomesAnEmptyCell() => Assert.Equal(string.Empty, FormulaGuard.Neutralise(null));
}
