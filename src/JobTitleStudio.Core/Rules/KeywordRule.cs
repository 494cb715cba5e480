namespace JobTitleStudio.Core.Rules;

/// <summary>
/// A keyword or phrase that puts a title in a category on an axis. Lower <paramref name="Priority"/> wins
/// (1 beats 10), as in the keyword tables users bring from their old systems. A word ending in <c>*</c>
/// matches any word starting with it: <c>chief tech*</c> matches "Chief Technology Officer".
/// </summary>
/// <param name="Axis">The axis the rule classifies on, such as Level or Function.</param>
/// <param name="Keyword">One or more words; matched as whole words after lower-casing and dropping accents and punctuation.</param>
/// <param name="Category">The category a title gets when this rule wins.</param>
/// <param name="Priority">Lower wins; equal priorities go to the phrase with more words, then to the earlier rule.</param>
public sealed record KeywordRule(string Axis, string Keyword, string Category, int Priority);

/// <summary>Where a rule matched a title and why it counts: the part of the original title it matched.</summary>
/// <param name="Start">0-based start of the matched text in the original title.</param>
/// <param name="Length">Length of the matched text in the original title.</param>
public sealed record RuleMatch(KeywordRule Rule, int Start, int Length, string MatchedText)
{
    /// <summary>A one-line reason for the UI: which rule fired on which words.</summary>
    public string Reason => $"\"{Rule.Keyword}\" matched \"{MatchedText}\": {Rule.Category} (priority {Rule.Priority})";
}

/// <summary>Every rule of one axis that matched a title, best first, and the winner.</summary>
/// <param name="Matches">All matches in precedence order: the winner first.</param>
public sealed record RuleEvaluation(string Axis, IReadOnlyList<RuleMatch> Matches)
{
    /// <summary>The rule that decides the category, or null when no rule matched.</summary>
    public RuleMatch? Winner => Matches.Count > 0 ? Matches[0] : null;

    /// <summary>The winning category, or null when no rule matched.</summary>
    public string? Category => Winner?.Rule.Category;

    /// <summary>The distinct categories of all matches, best first.</summary>
    public IReadOnlyList<string> Categories => [.. Matches.Select(m => m.Rule.Category).Distinct(StringComparer.Ordinal)];

    /// <summary>True when rules of different categories matched: the title is decided only by priority, which is worth a look.</summary>
    public bool HasConflict => Matches.Any(m => !string.Equals(m.Rule.Category, Matches[0].Rule.Category, StringComparison.Ordinal));
}
