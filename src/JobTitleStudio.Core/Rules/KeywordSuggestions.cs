namespace JobTitleStudio.Core.Rules;

/// <summary>A word that points at a category in the labelled records and that no rule matches yet.</summary>
/// <param name="Records">Labelled titles of <paramref name="Category"/> that contain the word.</param>
/// <param name="Total">Labelled titles (any category) that contain the word.</param>
/// <param name="Precision">Records ÷ Total: how often a rule on this word would be right on these records.</param>
/// <param name="Lift">Precision ÷ the category's share of all titles: how much the word raises the odds of the category.</param>
/// <param name="ModelProbability">The probability the model gives the category for the word alone, when a model was asked.</param>
public sealed record KeywordSuggestion(string Category, string Keyword, int Records, int Total, double Precision, double Lift, double? ModelProbability = null);

/// <summary>
/// Keyword suggestions from labelled titles: per category, the words most over-represented in its titles relative to
/// the others, leaving out words a rule of the axis already matches. Words are split and folded as rules read titles,
/// so a suggestion added as a rule matches exactly the titles counted here. Given a model, the words it finds strongest
/// for the category on their own come first: the records say a word is backed, the model says it is decisive.
/// </summary>
public static class KeywordSuggestions
{
    /// <param name="rules">The axis's rules; a word any of them matches is covered and not suggested. Null for none.</param>
    /// <param name="perCategory">Suggestions kept per category, best first.</param>
    /// <param name="minRecords">A word must appear in this many titles of the category: rarer words are noise.</param>
    /// <param name="minPrecision">A word must be this often right: a rule on a word shared by several categories only adds conflicts.</param>
    /// <param name="modelProbability">The model's probability of a category (second argument) for a word alone (first), or null to rank by the records only.</param>
    public static IReadOnlyList<KeywordSuggestion> FromRecords(
        IReadOnlyList<string> titles, IReadOnlyList<string> labels, AxisRules? rules,
        int perCategory = 5, int minRecords = 2, double minPrecision = 0.6, Func<string, string, double>? modelProbability = null)
    {
        ArgumentNullException.ThrowIfNull(titles);
        ArgumentNullException.ThrowIfNull(labels);
        var byWord = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var categorySizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelled = 0;
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < titles.Count; i++)
        {
            var category = labels[i];
            if (string.IsNullOrEmpty(category))
            {
                continue;
            }
            labelled++;
            categorySizes[category] = categorySizes.GetValueOrDefault(category) + 1;
            words.Clear();
            var tokens = TitleTokens.Shared.Tokenize(titles[i]);
            for (var t = 0; t < tokens.Count; t++)
            {
                // One letter or a number says nothing a rule should rely on.
                if (tokens[t].Length > 1 && !IsNumber(tokens[t]))
                {
                    words.Add(tokens[t].ToString());
                }
            }
            foreach (var word in words)
            {
                if (!byWord.TryGetValue(word, out var counts))
                {
                    byWord[word] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
                }
                counts[category] = counts.GetValueOrDefault(category) + 1;
            }
        }
        var candidates = new List<KeywordSuggestion>();
        foreach (var (word, counts) in byWord)
        {
            var total = counts.Values.Sum();
            foreach (var (category, records) in counts)
            {
                var precision = (double)records / total;
                if (records < minRecords || precision < minPrecision)
                {
                    continue;
                }
                var lift = precision / ((double)categorySizes[category] / labelled);
                candidates.Add(new KeywordSuggestion(category, word, records, total, precision, lift));
            }
        }
        var uncovered = candidates.Where(c => rules is null || rules.Classify(c.Keyword) is null);
        if (modelProbability is not null)
        {
            uncovered = uncovered.Select(c => c with { ModelProbability = modelProbability(c.Keyword, c.Category) });
        }
        return [.. uncovered
            .GroupBy(c => c.Category, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            // The model's strongest first when there is one, then right most often, then the word that covers the most
            // titles, then by word for a stable order.
            .SelectMany(g => g.OrderByDescending(c => c.ModelProbability ?? 0).ThenByDescending(c => c.Precision).ThenByDescending(c => c.Records)
                .ThenBy(c => c.Keyword, StringComparer.Ordinal).Take(perCategory))];
    }

    private static bool IsNumber(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
