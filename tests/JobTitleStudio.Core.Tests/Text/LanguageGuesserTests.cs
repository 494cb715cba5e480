using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Tests.Text;

public class LanguageGuesserTests
{
    [Theory]
    [InlineData("Geschäftsführer", "de")]
    [InlineData("Leiter Vertrieb", "de")]
    [InlineData("Ingeniero de software", "es")]
    [InlineData("Jefe de ventas", "es")]
    [InlineData("Software Engineer", "en")]
    [InlineData("Marketing Operations Manager", "en")]
    public void Guesses_clear_cases(string title, string expected)
    {
        var guess = LanguageGuesser.Shipped.Guess(title);
        Assert.Equal(expected, guess.Language);
        Assert.True(guess.Confidence > 0.7, $"confidence {guess.Confidence}");
    }

    [Fact]
    public void Says_undetermined_without_letters()
    {
        Assert.Equal(new LanguageGuess(LanguageGuesser.Undetermined, 0), LanguageGuesser.Shipped.Guess("10/6;"));
    }

    [Fact]
    public void Gives_a_confidence_between_a_fair_guess_and_certainty()
    {
        var guess = LanguageGuesser.Shipped.Guess("Geschäftsführer");
        Assert.InRange(guess.Confidence, 1.0 / LanguageGuesser.Shipped.Languages.Count, 1.0);
    }

    [Theory]
    [InlineData("SALES MANAGER", "sales manager")]
    [InlineData("GESCHÄFTSFÜHRER Vertrieb", "geschäftsführer vertrieb")]
    [InlineData("Jefe-de_Ventas 3", "jefe de ventas")]
    public void Reads_letters_case_blind_and_everything_else_as_a_word_edge(string written, string plain) =>
        Assert.Equal(LanguageGuesser.Shipped.Guess(plain), LanguageGuesser.Shipped.Guess(written));
}
