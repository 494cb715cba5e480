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
}
