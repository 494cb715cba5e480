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
        var words = title.ExpandedArray;
        var kinds = new WordKind[words.Length];
        Classify(words, kinds);
        var head = FindIndex(words, kinds, title.PartStartArray, language, lexicon ?? TitleLexicon.Shipped);
        var modifiers = new List<string>();
        for (var i = 0; i < words.Length && modifiers.Count < MaxModifiers; i++)
        {
            if (i != head && IsModifier(words, kinds, i, head) && !modifiers.Contains(words[i]))
            {
                modifiers.Add(words[i]);
            }
        }
        return new TitleHead(head < 0 ? null : words[head], modifiers);
    }

    /// <summary>
    /// What the word lists say of each word, found once per title: the head rules, the modifiers and
    /// the featurizer's stopword checks all read it, instead of each hashing the word again.
    /// </summary>
    internal static void Classify(string[] words, Span<WordKind> kinds)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var kind = TitleWords.KindOf(words[i]);
            if ((kind & (WordKind.Stopword | WordKind.LevelNumeral)) == 0 && words[i].AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                kind |= WordKind.Headable;
            }
            kinds[i] = kind;
        }
    }

    /// <summary>A content word other than the head (or a repeat of it).</summary>
    internal static bool IsModifier(string[] words, ReadOnlySpan<WordKind> kinds, int index, int head) =>
        (kinds[index] & WordKind.Headable) != 0 && (head < 0 || words[index] != words[head]);

    /// <summary>The index of the head in <paramref name="words"/>, or -1 when no word can be one.</summary>
    internal static int FindIndex(string[] words, ReadOnlySpan<WordKind> kinds, int[] partStarts, string language, TitleLexicon lexicon)
    {
        // English looks for a role word part by part ("Marketing - Director" is a director) and
        // falls back to the first part's last word; the other rules take the first part with a head.
        var fallback = -1;
        for (var p = 0; p < partStarts.Length; p++)
        {
            var start = partStarts[p];
            var end = p + 1 < partStarts.Length ? partStarts[p + 1] : words.Length;
            if (language is "es" or "de")
            {
                var head = FirstHeadable(words, kinds, start, end, german: language == "de");
                if (head >= 0)
                {
                    return head;
                }
                continue;
            }
            var (last, lastRole) = LastBeforePreposition(words, kinds, start, end, lexicon.RoleWords);
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
    private static (int Last, int LastRole) LastBeforePreposition(string[] words, ReadOnlySpan<WordKind> kinds, int start, int end, IReadOnlySet<string> roleWords)
    {
        var last = -1;
        var lastRole = -1;
        for (var i = start; i < end; i++)
        {
            if ((kinds[i] & WordKind.Preposition) != 0 && last >= 0)
            {
                break;
            }
            if ((kinds[i] & WordKind.Headable) != 0)
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

    private static int FirstHeadable(string[] words, ReadOnlySpan<WordKind> kinds, int start, int end, bool german)
    {
        var fallback = -1;
        for (var i = start; i < end; i++)
        {
            var word = words[i];
            if ((kinds[i] & WordKind.Headable) == 0)
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
}
