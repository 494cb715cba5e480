using JobTitleStudio.Core.Quality;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Tests.Quality;

public class TitleScreeningTests
{
    private static readonly (long, string)[] Records =
    [
        (1, "Senior Software Engineer"), (2, "Registered Nurse"), (3, "Marketing Manager"), (4, "Financial Analyst"),
        (5, "Customer Service Representative"), (6, "Verkaufsleiterin Außendienst"), (7, "12345 !!!"), (8, ""),
        (9, "Project Manager"),
    ];

    private static TitleScreeningReport Screen(string? main = null) =>
        TitleScreening.Build(Records, TitleNormalizer.Shipped, LanguageGuesser.Shipped, main);

    [Fact]
    public void Junk_titles_carry_the_normaliser_reason_and_a_german_title_is_foreign_in_an_english_workspace()
    {
        var report = Screen();

        Assert.Equal("en", report.MainLanguage);
        Assert.True(report.MainLanguageIsGuessed);
        var junk = report.Flags.Where(f => f.Kind == TitleFlagKind.Junk).ToDictionary(f => f.RecordId);
        Assert.Equal([7, 8], junk.Keys.Order());
        Assert.Equal(JunkKind.NoLetters, junk[7].Junk);
        Assert.Equal(TitleNormalizer.Shipped.Normalize("12345 !!!").Junk!.Reason, junk[7].Reason);
        var foreign = Assert.Single(report.Flags, f => f.Kind == TitleFlagKind.Foreign);
        Assert.Equal((6L, "de"), (foreign.RecordId, foreign.Language));
        Assert.Equal("en", report.Languages[0].Key);
    }

    [Fact]
    public void A_configured_main_language_turns_the_english_titles_foreign()
    {
        var report = Screen("DE");

        Assert.Equal("de", report.MainLanguage);
        Assert.False(report.MainLanguageIsGuessed);
        var foreign = report.Flags.Where(f => f.Kind == TitleFlagKind.Foreign).Select(f => f.RecordId).ToList();
        Assert.DoesNotContain(6L, foreign);
        Assert.Contains(1L, foreign);
        Assert.All(report.Flags.Where(f => f.Kind == TitleFlagKind.Foreign), f => Assert.Equal("en", f.Language));
    }
}
