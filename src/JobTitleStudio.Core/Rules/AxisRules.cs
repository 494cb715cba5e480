namespace JobTitleStudio.Core.Rules;

/// <summary>
/// The rules of one axis compiled for speed: rules are indexed by their first word (exact words in one
/// dictionary, prefix words in another probed with each prefix of a title word), so a title costs one
/// lookup per word and prefix instead of a scan of every rule.
/// </summary>
public sealed class AxisRules
{
    private readonly Compiled[] _byRank;
    private readonly Dictionary<string, Compiled[]>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly Dictionary<string, Compiled[]>.AlternateLookup<ReadOnlySpan<char>> _prefix;
    /// <summary>The distinct lengths of prefix words, longest first: only these prefixes of a title word need a lookup.</summary>
    private readonly int[] _prefixLengths;

    internal AxisRules(string axis, IReadOnlyList<(KeywordRule Rule, KeywordPattern Pattern)> rules)
    {
        Axis = axis;
        Rules = [.. rules.Select(r => r.Rule)];
        // Rank is the precedence: lower priority number, then more words, then the earlier rule.
        _byRank = [.. rules
            .Select((r, order) => (r.Rule, r.Pattern, order))
            .OrderBy(r => r.Rule.Priority)
            .ThenByDescending(r => r.Pattern.Words.Length)
            .ThenBy(r => r.order)
            .Select((r, rank) => new Compiled(r.Rule, r.Pattern, rank))];
        var exact = new Dictionary<string, Compiled[]>(StringComparer.Ordinal);
        var prefix = new Dictionary<string, Compiled[]>(StringComparer.Ordinal);
        foreach (var group in _byRank.GroupBy(c => (c.Pattern.Words[0], c.Pattern.IsPrefix[0])))
        {
            (group.Key.Item2 ? prefix : exact)[group.Key.Item1] = [.. group];
        }
        _prefixLengths = [.. prefix.Keys.Select(k => k.Length).Distinct().OrderDescending()];
        _exact = exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefix = prefix.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Axis { get; }

    /// <summary>The rules in the order they were given (the order that breaks ties).</summary>
    public IReadOnlyList<KeywordRule> Rules { get; }

    /// <summary>The winning category, or null when no rule matches. The fast path: nothing is allocated.</summary>
    public string? Classify(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return null;
        }
        var tokens = TitleTokens.Shared.Tokenize(title);
        var best = int.MaxValue;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i];
            if (_exact.TryGetValue(word, out var candidates))
            {
                best = Math.Min(best, BestAt(candidates, tokens, i, best));
            }
            foreach (var length in _prefixLengths)
            {
                if (length <= word.Length && _prefix.TryGetValue(word[..length], out candidates))
                {
                    best = Math.Min(best, BestAt(candidates, tokens, i, best));
                }
            }
        }
        return best == int.MaxValue ? null : _byRank[best].Rule.Category;
    }

    /// <summary>Every matching rule with the text it matched, best first: what the UI shows as "which rule fired and why".</summary>
    public RuleEvaluation Evaluate(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return new RuleEvaluation(Axis, []);
        }
        var tokens = TitleTokens.Shared.Tokenize(title);
        var found = new List<(int Rank, int Start, int End)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i];
            if (_exact.TryGetValue(word, out var candidates))
            {
                Collect(candidates, tokens, i, found);
            }
            foreach (var length in _prefixLengths)
            {
                if (length <= word.Length && _prefix.TryGetValue(word[..length], out candidates))
                {
                    Collect(candidates, tokens, i, found);
                }
            }
        }
        var matches = found
            .OrderBy(f => f.Rank)
            .ThenBy(f => f.Start)
            .Select(f =>
            {
                var start = tokens.OriginalStart(f.Start);
                var length = tokens.OriginalEnd(f.End) - start;
                return new RuleMatch(_byRank[f.Rank].Rule, start, length, title.Substring(start, length));
            })
            .ToList();
        return new RuleEvaluation(Axis, matches);
    }

    /// <summary>The best rank among candidates that match at a position; candidates are in rank order, so the first match is the best.</summary>
    private static int BestAt(Compiled[] candidates, TitleTokens tokens, int start, int bestSoFar)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Rank >= bestSoFar)
            {
                break;
            }
            if (candidate.Pattern.MatchesAt(tokens, start))
            {
                return candidate.Rank;
            }
        }
        return bestSoFar;
    }

    private static void Collect(Compiled[] candidates, TitleTokens tokens, int start, List<(int, int, int)> found)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Pattern.MatchesAt(tokens, start))
            {
                found.Add((candidate.Rank, start, start + candidate.Pattern.Words.Length - 1));
            }
        }
    }

    private sealed record Compiled(KeywordRule Rule, KeywordPattern Pattern, int Rank);
}
