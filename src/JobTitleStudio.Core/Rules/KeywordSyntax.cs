namespace JobTitleStudio.Core.Rules;

/// <summary>What a rule editor needs to know about a keyword before it is stored: whether it can match, and when two keywords are the same.</summary>
public static class KeywordSyntax
{
    /// <summary>Why <paramref name="keyword"/> cannot match a title (the message <see cref="RuleSet.Create"/> would give), or null when it can.</summary>
    public static string? Problem(string? keyword)
    {
        KeywordPattern.TryParse(keyword, out var error);
        return error;
    }

    /// <summary>
    /// The keyword's words folded as titles are, with their stars: two keywords with the same key match the same titles
    /// ("Chief Tech*" and "chief  tech*" are one rule). Null when the keyword cannot match.
    /// </summary>
    public static string? Key(string? keyword) => KeywordPattern.TryParse(keyword, out _)?.Key;
}
