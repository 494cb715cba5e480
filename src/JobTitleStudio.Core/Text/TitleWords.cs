using System.Collections.Frozen;

namespace JobTitleStudio.Core.Text;

/// <summary>Small closed word lists the normaliser and the featurizer share.</summary>
internal static class TitleWords
{
    /// <summary>
    /// Function words in English, German and Spanish titles: kept in the normalised text, never a
    /// feature or a head. German "die" is left out: "Tool and Die Maker" needs it more.
    /// </summary>
    public static readonly FrozenSet<string> Stopwords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "and", "or", "of", "for", "in", "at", "to", "with", "on", "from", "by", "as", "within",
        "und", "oder", "für", "der", "das", "des", "dem", "den", "im", "in", "von", "bei", "mit", "zur", "zum", "am",
        "de", "del", "la", "el", "los", "las", "y", "e", "o", "en", "para", "por", "con",
    ], StringComparer.Ordinal);

    /// <summary>Words after which an English title names its complement, not its head: "Professor of Marketing".</summary>
    public static readonly FrozenSet<string> Prepositions = FrozenSet.ToFrozenSet(
        ["of", "for", "in", "at", "to", "with", "on", "from", "by", "within"], StringComparer.Ordinal);

    /// <summary>Level markers that never head a title: "Engineer II", "Nurse 3".</summary>
    public static readonly FrozenSet<string> LevelNumerals = FrozenSet.ToFrozenSet(
        ["i", "ii", "iii", "iv", "v", "vi", "1", "2", "3", "4", "5", "6"], StringComparer.Ordinal);
}
