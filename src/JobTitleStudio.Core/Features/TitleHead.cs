using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Features;

/// <summary>The word a title is about (its head) and the words that narrow it (its modifiers).</summary>
public sealed record TitleHead(string? Head, IReadOnlyList<string> Modifiers);

/// <summary>
/// Finds the head word, because the head decides what a title is: "Sales Engineer" is an engineer
/// (head) in sales (modifier), "Professor of Marketing" a professor, "Chief Police Officer" an
/// officer. English heads are the last role word (<see cref="TitleLexicon.RoleWords"/>) of the
/// first phrase (before a preposition) of the first part that has one, else the first part's last
/// word, so "VP Marketing" is a vice president, "Sales Team Lead" a lead and "Marketing - Director"
/// a director; Spanish
/// heads start it ("Ingeniero de software"); German heads are the first word that is not an
/// adjective ("Technischer Leiter", "Leiter Vertrieb"), compounds being one word.
/// </summary>
public static class HeadFinder
{
    /// <summary>At most this many modifiers, so a long title does not flood the head family.</summary>
    public const int MaxModifiers = 6;

    private static readonly string[] GermanAdjectiveEndings =
        ["isch", "ische", "ischer", "isches", "ischen", "liche", "licher", "liches", "lichen", "ige", "iger", "iges", "igen",
         "ale", "aler", "ales", "ive", "iver", "ives", "äre", "ärer", "elle", "eller"];

    /// <summary>Seniority words that precede the head in German and Spanish as in English: "Senior Berater", "Leitender Ingenieur".</summary>
    private static readonly string[] SeniorityWords = ["senior", "junior", "leitender", "leitende", "stellvertretender", "stellvertretende"];

    /// <param name="language">Picks the rule: "de", "es", anything else English.</param>
    /// <param name="lexicon">The shipped lexicon when null.</param>
    public static TitleHead Find(NormalizedTitle title, string language, TitleLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        var words = title.ExpandedTokens;
        var head = FindIndex(words, title.PartStarts, language, lexicon ?? TitleLexicon.Shipped);
        var modifiers = new List<string>();
        for (var i = 0; i < words.Count && modifiers.Count < MaxModifiers; i++)
        {
            if (i != head && IsModifier(words, i, head) && !modifiers.Contains(words[i]))
            {
                modifiers.Add(words[i]);
            }
        }
        return new TitleHead(head < 0 ? null : words[head], modifiers);
    }

    /// <summary>A content word other than the head (or a repeat of it).</summary>
    internal static bool IsModifier(IReadOnlyList<string> words, int index, int head) =>
        IsHeadable(words[index]) && (head < 0 || words[index] != words[head]);

    /// <summary>The index of the head in <paramref name="words"/>, or -1 when no word can be one.</summary>
    internal static int FindIndex(IReadOnlyList<string> words, IReadOnlyList<int> partStarts, string language, TitleLexicon lexicon)
    {
        // English looks for a role word part by part ("Marketing - Director" is a director) and
        // falls back to the first part's last word; the other rules take the first part with a head.
        var fallback = -1;
        for (var p = 0; p < partStarts.Count; p++)
        {
            var start = partStarts[p];
            var end = p + 1 < partStarts.Count ? partStarts[p + 1] : words.Count;
            if (language is "es" or "de")
            {
                var head = FirstHeadable(words, start, end, german: language == "de");
                if (head >= 0)
                {
                    return head;
                }
                continue;
            }
            var (last, lastRole) = LastBeforePreposition(words, start, end, lexicon.RoleWords);
            if (lastRole >= 0)
            {
                return lastRole;
            }
            if (fallback < 0)
            {
                fallback = last;
            }
        }
        return fallback;
    }

    /// <summary>The last content word and the last role word of the phrase that opens the part.</summary>
    private static (int Last, int LastRole) LastBeforePreposition(IReadOnlyList<string> words, int start, int end, IReadOnlySet<string> roleWords)
    {
        var last = -1;
        var lastRole = -1;
        for (var i = start; i < end; i++)
        {
            if (TitleWords.Prepositions.Contains(words[i]) && last >= 0)
            {
                break;
            }
            if (IsHeadable(words[i]))
            {
                last = i;
                if (roleWords.Contains(words[i]))
                {
                    lastRole = i;
                }
            }
        }
        return (last, lastRole);
    }

    private static int FirstHeadable(IReadOnlyList<string> words, int start, int end, bool german)
    {
        var fallback = -1;
        for (var i = start; i < end; i++)
        {
            var word = words[i];
            if (!IsHeadable(word))
            {
                continue;
            }
            if (fallback < 0)
            {
                fallback = i;
            }
            if (Array.IndexOf(SeniorityWords, word) >= 0 || (german && IsGermanAdjective(word)))
            {
                continue;
            }
            return i;
        }
        return fallback;
    }

    private static bool IsGermanAdjective(string word)
    {
        foreach (var ending in GermanAdjectiveEndings)
        {
            if (word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsHeadable(string word) =>
        !TitleWords.Stopwords.Contains(word) && !TitleWords.LevelNumerals.Contains(word) && word.AsSpan().ContainsAnyExceptInRange('0', '9');
}
