namespace JobTitleStudio.Core.Text;

/// <summary>Why a title is not a usable job title.</summary>
public enum JunkKind
{
    Empty,
    ControlCharacters,
    TooLong,
    NoLetters,
    NothingLeft,
    NoTitleWord,
}

/// <summary>A junk verdict with the reason shown to the analyst (Reports screen, batch output).</summary>
public sealed record JunkVerdict(JunkKind Kind, string Reason);

/// <summary>A title after normalisation: what features, grouping and display read.</summary>
public sealed class NormalizedTitle
{
    internal NormalizedTitle(string raw, string normalized, string[] tokens, string[] expandedTokens, int[] partStarts, JunkVerdict? junk)
    {
        Raw = raw;
        Normalized = normalized;
        TokenArray = tokens;
        ExpandedArray = expandedTokens;
        PartStartArray = partStarts;
        Junk = junk;
    }

    /// <summary>The arrays behind the lists, for the featurizer's loops; the same array twice when no token was expanded.</summary>
    internal string[] TokenArray { get; }

    internal string[] ExpandedArray { get; }

    internal int[] PartStartArray { get; }

    /// <summary>The title exactly as received.</summary>
    public string Raw { get; }

    /// <summary>The expanded tokens joined by single spaces: the key for exact-title memory, grouping and display.</summary>
    public string Normalized { get; }

    /// <summary>Lower-case word tokens as written, after noise removal and feminine→base mapping ("vp", "mktg").</summary>
    public IReadOnlyList<string> Tokens => TokenArray;

    /// <summary>The tokens with abbreviations expanded ("vice", "president", "marketing").</summary>
    public IReadOnlyList<string> ExpandedTokens => ExpandedArray;

    /// <summary>
    /// Where each part of the title starts in <see cref="ExpandedTokens"/>: the title was split at
    /// separators (, / | ; " - " and brackets), so "Graphic Designer / Jr. Project Manager" has two
    /// parts starting at 0 and 2. Always starts with 0 when there are tokens.
    /// </summary>
    public IReadOnlyList<int> PartStarts => PartStartArray;

    /// <summary>Null for a usable title, else why it is junk.</summary>
    public JunkVerdict? Junk { get; }

    public bool IsJunk => Junk is not null;

    public override string ToString() => Junk is null ? Normalized : $"{Normalized} (junk: {Junk.Reason})";
}
