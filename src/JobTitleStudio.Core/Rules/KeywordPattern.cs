namespace JobTitleStudio.Core.Rules;

/// <summary>A keyword split into the words a title must contain in a row, each exact or a prefix.</summary>
internal sealed class KeywordPattern
{
    private KeywordPattern(string[] words, bool[] isPrefix)
    {
        Words = words;
        IsPrefix = isPrefix;
    }

    public string[] Words { get; }

    public bool[] IsPrefix { get; }

    /// <summary>The words joined by spaces with their stars: two keywords with the same key match the same titles.</summary>
    public string Key => string.Join(' ', Words.Select((w, i) => IsPrefix[i] ? w + "*" : w));

    /// <returns>Null with an error message when the keyword cannot be matched.</returns>
    public static KeywordPattern? TryParse(string? keyword, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(keyword))
        {
            error = "the keyword is empty";
            return null;
        }
        var tokens = new TitleTokens().Tokenize(keyword);
        if (tokens.Count == 0)
        {
            error = $"the keyword \"{keyword}\" has no letters or digits to match";
            return null;
        }
        var words = new string[tokens.Count];
        var isPrefix = new bool[tokens.Count];
        var stars = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            words[i] = tokens[i].ToString();
            var end = tokens.OriginalEnd(i);
            isPrefix[i] = end < keyword.Length && keyword[end] == '*';
            if (isPrefix[i])
            {
                stars++;
            }
        }
        var starsEndingWords = keyword.Select((c, i) => c == '*' && (i + 1 == keyword.Length || char.IsWhiteSpace(keyword[i + 1]))).Count(ok => ok);
        if (keyword.Count(c => c == '*') != stars || starsEndingWords != stars)
        {
            error = $"the keyword \"{keyword}\" has a * that does not end a word; write * right after a word, as in \"chief tech*\"";
            return null;
        }
        return new KeywordPattern(words, isPrefix);
    }

    /// <summary>True when the title's words from <paramref name="start"/> on match every word of the pattern.</summary>
    public bool MatchesAt(TitleTokens title, int start)
    {
        if (start + Words.Length > title.Count)
        {
            return false;
        }
        for (var i = 0; i < Words.Length; i++)
        {
            var word = title[start + i];
            if (IsPrefix[i] ? !word.StartsWith(Words[i], StringComparison.Ordinal) : !word.SequenceEqual(Words[i]))
            {
                return false;
            }
        }
        return true;
    }
}
