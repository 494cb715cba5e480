using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Quality;

/// <summary>Why a record's title was flagged: junk, or written in another language than the workspace's main one.</summary>
public enum TitleFlagKind
{
    Junk,
    Foreign,
}

/// <summary>
/// One flagged record: its junk verdict (kind and reason) when normalisation rejects it, else the language it is guessed
/// to be written in. A junk title is reported as junk only: its language says nothing more.
/// </summary>
public sealed record TitleFlag(long RecordId, string Title, TitleFlagKind Kind, JunkKind? Junk, string? Reason, string Language, double LanguageConfidence);

/// <summary>The junk and foreign titles of a set of records, with the main language they were judged against.</summary>
/// <param name="MainLanguage">The language a title must be guessed in not to be foreign.</param>
/// <param name="MainLanguageIsGuessed">True when <paramref name="MainLanguage"/> is the most common guess rather than configured.</param>
/// <param name="Languages">Records per guessed language (junk titles excluded), most first.</param>
public sealed record TitleScreeningReport(
    int Records,
    string MainLanguage,
    bool MainLanguageIsGuessed,
    IReadOnlyList<KeyValuePair<string, int>> Languages,
    IReadOnlyList<TitleFlag> Flags);

/// <summary>
/// Screens titles for junk (the normaliser's verdict and its reason) and for another language than the main one. A
/// guess below <see cref="MinConfidence"/> is not trusted to call a title foreign: short titles share most trigrams
/// across languages.
/// </summary>
public static class TitleScreening
{
    public const double MinConfidence = 0.6;

    /// <param name="mainLanguage">The workspace's language; null takes the most common confident guess among the records.</param>
    public static TitleScreeningReport Build(IReadOnlyList<(long Id, string Title)> records, TitleNormalizer normalizer, LanguageGuesser guesser, string? mainLanguage = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(normalizer);
        ArgumentNullException.ThrowIfNull(guesser);
        var screened = records.Select(r => (r.Id, r.Title, normalizer.Normalize(r.Title).Junk, Guess: guesser.Guess(r.Title))).ToList();
        var languages = screened.Where(s => s.Junk is null && s.Guess.Language != LanguageGuesser.Undetermined && s.Guess.Confidence >= MinConfidence)
            .GroupBy(s => s.Guess.Language, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var guessed = string.IsNullOrWhiteSpace(mainLanguage);
        var main = guessed ? languages.FirstOrDefault().Key ?? LanguageGuesser.Undetermined : mainLanguage!.Trim().ToLowerInvariant();
        var flags = new List<TitleFlag>();
        foreach (var (id, title, junk, guess) in screened)
        {
            if (junk is not null)
            {
                flags.Add(new TitleFlag(id, title, TitleFlagKind.Junk, junk.Kind, junk.Reason, guess.Language, guess.Confidence));
            }
            else if (IsForeign(guess, main))
            {
                flags.Add(new TitleFlag(id, title, TitleFlagKind.Foreign, null, null, guess.Language, guess.Confidence));
            }
        }
        return new TitleScreeningReport(records.Count, main, guessed, languages, flags);
    }

    private static bool IsForeign(LanguageGuess guess, string main) =>
        main != LanguageGuesser.Undetermined && guess.Language != LanguageGuesser.Undetermined
        && guess.Confidence >= MinConfidence && !string.Equals(guess.Language, main, StringComparison.Ordinal);
}
