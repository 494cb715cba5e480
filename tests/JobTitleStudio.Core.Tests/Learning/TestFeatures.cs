using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

/// <summary>A tiny test-only featurizer: each distinct word gets the next id, value 1, name = the word.</summary>
internal sealed class TestFeatures
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public const int Dimension = 64;

    public FeatureVector Of(string text)
    {
        var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        var pairs = words.Select(w => (Id: IdOf(w), Word: w)).OrderBy(p => p.Id).ToArray();
        return new FeatureVector([.. pairs.Select(p => p.Id)], [.. pairs.Select(_ => 1f)], [.. pairs.Select(p => p.Word)]);
    }

    public TitleInput Input(string text) => new(text.ToLowerInvariant(), Of(text));

    public LearningExample Example(string text, int label, bool correction = false) => new(Input(text), [label], 1f, correction);

    private int IdOf(string word)
    {
        if (!_ids.TryGetValue(word, out var id))
        {
            id = _ids.Count;
            _ids[word] = id;
        }
        return id;
    }
}
