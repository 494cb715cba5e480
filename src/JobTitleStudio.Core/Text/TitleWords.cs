using System.Collections.Frozen;

namespace JobTitleStudio.Core.Text;

/// <summary>What the closed word lists say about one word; <see cref="TitleWords.KindOf"/> finds all of it in one lookup.</summary>
[Flags]
internal enum WordKind : byte
{
    None = 0,
    Stopword = 1,
    Preposition = 2,
    LevelNumeral = 4,

    /// <summary>Not on the lists: set by <see cref="Features.HeadFinder.Classify"/> for a word that may head a title.</summary>
    Headable = 8,
}

/// <summary>Small closed word lists the normaliser and the featurizer share.</summary>
internal static class TitleWords
{
    /// <summary>
    /// Function words in English, German and Spanish titles: kept in the normalised text, never a
    /// feature or a head. German "die" is left out: "Tool and Die Maker" needs it more.
    /// </summary>
    private static readonly FrozenSet<string> Stopwords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "and", "or", "of", "for", "in", "at", "to", "with", "on", "from", "by", "as", "within",
        "und", "oder", "für", "der", "das", "des", "dem", "den", "im", "in", "von", "bei", "mit", "zur", "zum", "am",
        "de", "del", "la", "el", "los", "las", "y", "e", "o", "en", "para", "por", "con",
    ], StringComparer.Ordinal);

    /// <summary>Words after which an English title names its complement, not its head: "Professor of Marketing".</summary>
    private static readonly FrozenSet<string> Prepositions = FrozenSet.ToFrozenSet(
        ["of", "for", "in", "at", "to", "with", "on", "from", "by", "within"], StringComparer.Ordinal);

    /// <summary>Level markers that never head a title: "Engineer II", "Nurse 3".</summary>
    private static readonly FrozenSet<string> LevelNumerals = FrozenSet.ToFrozenSet(
        ["i", "ii", "iii", "iv", "v", "vi", "1", "2", "3", "4", "5", "6"], StringComparer.Ordinal);

    /// <summary>The three lists merged, so featurising asks once per word instead of once per list and use.</summary>
    private static readonly FrozenDictionary<string, WordKind> Kinds = Stopwords.Select(w => (w, WordKind.Stopword))
        .Concat(Prepositions.Select(w => (w, WordKind.Preposition)))
        .Concat(LevelNumerals.Select(w => (w, WordKind.LevelNumeral)))
        .GroupBy(p => p.w, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Aggregate(WordKind.None, (kind, p) => kind | p.Item2), StringComparer.Ordinal);

    private static readonly int LongestListed = Kinds.Keys.Max(w => w.Length);

    /// <summary>Which of the lists hold <paramref name="word"/>; most title words are longer than any listed one, which settles it without hashing.</summary>
    public static WordKind KindOf(string word) =>
        word.Length <= LongestListed && Kinds.TryGetValue(word, out var kind) ? kind : WordKind.None;

    public static bool IsStopword(string word) => (KindOf(word) & WordKind.Stopword) != 0;
}
