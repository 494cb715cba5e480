using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Features;

/// <summary>A title's normalised form, its features and its guessed language, from one call.</summary>
public sealed record FeaturizedTitle(NormalizedTitle Title, FeatureVector Features, LanguageGuess Language);

/// <summary>
/// Hashed sparse features of a title, in four families (docs/TEXT.md): words (as written and
/// expanded, plus diacritic-free forms), word bigrams, character n-grams with &lt; &gt; word marks,
/// and head/modifier features. A feature's id is <see cref="FeatureHash"/> of its name modulo
/// <see cref="Dimension"/>; its value is binary, scaled by the family's weight / sqrt(features in
/// the family), and the vector is scaled to unit length. Thread-safe; one instance serves all.
/// </summary>
public sealed class TitleFeaturizer : ITitleFeaturizer
{
    /// <summary>Language confidence needed before the German or Spanish head rule replaces the English one.</summary>
    public const double ForeignHeadRuleConfidence = 0.8;

    private const int WordFamily = 0;
    private const int BigramFamily = 1;
    private const int CharFamily = 2;
    private const int HeadFamily = 3;
    private const int FamilyCount = 4;

    private static readonly uint WordPrefix = FeatureHash.Hash("word:");
    private static readonly uint BigramPrefix = FeatureHash.Hash("bigram:");
    private static readonly uint CharPrefix = FeatureHash.Hash("char:");
    private static readonly uint HeadPrefix = FeatureHash.Hash("head:");
    private static readonly uint ModifierPrefix = FeatureHash.Hash("mod:");
    private static readonly uint HeadModifierPrefix = FeatureHash.Hash("head_mod:");

    [ThreadStatic]
    private static Accumulator? t_accumulator;

    private readonly FeaturizerOptions _options;
    private readonly TitleNormalizer _normalizer;
    private readonly LanguageGuesser _guesser;
    private readonly float[] _familyWeights;

    /// <param name="options">Defaults when null; validated, with messages that say what to fix.</param>
    /// <param name="normalizer">The shipped normaliser when null.</param>
    /// <param name="guesser">The shipped guesser when null; it picks the head rule for German and Spanish titles.</param>
    public TitleFeaturizer(FeaturizerOptions? options = null, TitleNormalizer? normalizer = null, LanguageGuesser? guesser = null)
    {
        _options = options ?? FeaturizerOptions.Default;
        _options.Validate();
        _normalizer = normalizer ?? TitleNormalizer.Shipped;
        _guesser = guesser ?? LanguageGuesser.Shipped;
        _familyWeights = [_options.WordWeight, _options.BigramWeight, _options.CharNGramWeight, _options.HeadWeight];
    }

    public FeaturizerOptions Options => _options;

    public TitleNormalizer Normalizer => _normalizer;

    public int Dimension => _options.BucketCount;

    public FeatureVector Featurize(string title, bool withNames = false) => Featurize(_normalizer.Normalize(title), withNames);

    /// <summary>The normalised title, its features and its language in one pass: what a model needs for memory, grouping and prediction.</summary>
    public FeaturizedTitle Analyze(string title, bool withNames = false)
    {
        var normalized = _normalizer.Normalize(title);
        var language = Guess(normalized);
        return new FeaturizedTitle(normalized, Featurize(normalized, HeadRule(language), withNames), language);
    }

    /// <summary>Features of an already normalised title, so a caller holding one does not normalise twice.</summary>
    public FeatureVector Featurize(NormalizedTitle title, bool withNames = false)
    {
        ArgumentNullException.ThrowIfNull(title);
        var headRule = _options.HeadAndModifiers ? HeadRule(Guess(title)) : "en";
        return Featurize(title, headRule, withNames);
    }

    private LanguageGuess Guess(NormalizedTitle title) => _guesser.Guess(title.Normalized);

    private static string HeadRule(LanguageGuess language) =>
        language.Confidence >= ForeignHeadRuleConfidence && language.Language is "de" or "es" ? language.Language : "en";

    private FeatureVector Featurize(NormalizedTitle title, string headRule, bool withNames)
    {
        if (title.ExpandedTokens.Count == 0)
        {
            return FeatureVector.Empty;
        }
        var acc = t_accumulator ??= new Accumulator();
        acc.Reset(withNames);
        var words = title.ExpandedTokens;

        if (_options.Words || _options.CharNGrams)
        {
            AddWordFeatures(acc, title.Tokens);
            AddWordFeatures(acc, words);
        }
        if (_options.Bigrams)
        {
            AddBigrams(acc, words, title.PartStarts);
        }
        if (_options.HeadAndModifiers)
        {
            AddHeadFeatures(acc, words, HeadFinder.FindIndex(words, title.PartStarts, headRule));
        }
        return acc.Build(_familyWeights, _options.BucketCount, _options.UnitLength);
    }

    private void AddWordFeatures(Accumulator acc, IReadOnlyList<string> words)
    {
        Span<char> folded = stackalloc char[128];
        foreach (var word in words)
        {
            if (TitleWords.Stopwords.Contains(word))
            {
                continue;
            }
            if (_options.Words)
            {
                acc.Add(WordFamily, FeatureHash.Append(WordPrefix, word), "word:", word);
                if (word.Length <= folded.Length / DiacriticFolding.MaxExpansion && DiacriticFolding.NeedsFolding(word))
                {
                    var plain = folded[..DiacriticFolding.Fold(word, folded)];
                    acc.Add(WordFamily, FeatureHash.Append(WordPrefix, plain), "word:", plain);
                }
            }
            if (_options.CharNGrams)
            {
                AddCharNGrams(acc, word);
            }
        }
    }

    /// <summary>fastText-style: n-grams of "&lt;word&gt;", so prefixes and suffixes ("&lt;mgr", "ger&gt;") are their own features.</summary>
    private void AddCharNGrams(Accumulator acc, string word)
    {
        Span<char> marked = word.Length <= 254 ? stackalloc char[word.Length + 2] : new char[word.Length + 2];
        marked[0] = '<';
        word.AsSpan().CopyTo(marked[1..]);
        marked[^1] = '>';
        for (var n = _options.MinCharN; n <= _options.MaxCharN && n <= marked.Length; n++)
        {
            for (var start = 0; start + n <= marked.Length; start++)
            {
                var gram = marked.Slice(start, n);
                acc.Add(CharFamily, FeatureHash.Append(CharPrefix, gram), "char:", gram);
            }
        }
    }

    private static void AddBigrams(Accumulator acc, IReadOnlyList<string> words, IReadOnlyList<int> partStarts)
    {
        var part = 0;
        for (var i = 0; i + 1 < words.Count; i++)
        {
            while (part + 1 < partStarts.Count && partStarts[part + 1] <= i)
            {
                part++;
            }
            var crossesPart = part + 1 < partStarts.Count && partStarts[part + 1] == i + 1;
            var (left, right) = (words[i], words[i + 1]);
            if (crossesPart || TitleWords.Stopwords.Contains(left) || TitleWords.Stopwords.Contains(right))
            {
                continue;
            }
            var hash = FeatureHash.Append(FeatureHash.Append(FeatureHash.Append(BigramPrefix, left), "_"), right);
            acc.Add(BigramFamily, hash, "bigram:", left, "_", right);
        }
    }

    private static void AddHeadFeatures(Accumulator acc, IReadOnlyList<string> words, int head)
    {
        if (head >= 0)
        {
            acc.Add(HeadFamily, FeatureHash.Append(HeadPrefix, words[head]), "head:", words[head]);
        }
        var modifiers = 0;
        for (var i = 0; i < words.Count && modifiers < HeadFinder.MaxModifiers; i++)
        {
            if (i == head || !HeadFinder.IsModifier(words, i, head))
            {
                continue;
            }
            modifiers++;
            acc.Add(HeadFamily, FeatureHash.Append(ModifierPrefix, words[i]), "mod:", words[i]);
            if (head >= 0)
            {
                var hash = FeatureHash.Append(FeatureHash.Append(FeatureHash.Append(HeadModifierPrefix, words[head]), "|"), words[i]);
                acc.Add(HeadFamily, hash, "head_mod:", words[head], "|", words[i]);
            }
        }
    }

    /// <summary>Per-thread buffers for one vector: (bucket, family) keys, sorted, de-duplicated, weighted.</summary>
    private sealed class Accumulator
    {
        private long[] _keys = new long[256];
        private int[] _order = new int[256];
        private string?[] _names = new string?[256];
        private readonly int[] _familyCounts = new int[FamilyCount];
        private int _count;
        private bool _withNames;
        private uint[] _hashes = new uint[256];

        public void Reset(bool withNames)
        {
            _count = 0;
            _withNames = withNames;
        }

        public void Add(int family, uint hash, string prefix, ReadOnlySpan<char> text, string? separator = null, string? second = null)
        {
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, _count * 2);
                Array.Resize(ref _order, _count * 2);
                Array.Resize(ref _names, _count * 2);
                Array.Resize(ref _hashes, _count * 2);
            }
            _hashes[_count] = hash;
            _keys[_count] = family;
            _names[_count] = _withNames ? string.Concat(prefix, text, separator, second) : null;
            _count++;
        }

        public FeatureVector Build(float[] familyWeights, int buckets, bool unitLength)
        {
            for (var i = 0; i < _count; i++)
            {
                _keys[i] |= (long)FeatureHash.Bucket(_hashes[i], buckets) << 8;
                _order[i] = i;
            }
            Array.Sort(_keys, _order, 0, _count);

            // A feature seen twice (a word both written and expanded) is still one binary feature.
            Array.Clear(_familyCounts);
            var distinct = 0;
            for (var i = 0; i < _count; i++)
            {
                if (i == 0 || _keys[i] != _keys[i - 1])
                {
                    _keys[distinct] = _keys[i];
                    _order[distinct] = _order[i];
                    distinct++;
                    _familyCounts[_keys[i] & 0xFF]++;
                }
            }

            // Different families may share a bucket: their values add up into one id.
            var ids = 0;
            for (var i = 0; i < distinct; i++)
            {
                if (i == 0 || _keys[i] >> 8 != _keys[i - 1] >> 8)
                {
                    ids++;
                }
            }
            var idArray = new int[ids];
            var values = new float[ids];
            var names = _withNames ? new string[ids] : null;
            var at = -1;
            var sumOfSquares = 0.0;
            for (var i = 0; i < distinct; i++)
            {
                var family = (int)(_keys[i] & 0xFF);
                var value = familyWeights[family] / MathF.Sqrt(_familyCounts[family]);
                var id = (int)(_keys[i] >> 8);
                var name = _names[_order[i]];
                if (at >= 0 && idArray[at] == id)
                {
                    values[at] += value;
                    if (names is not null)
                    {
                        names[at] = names[at] + " + " + name;
                    }
                    continue;
                }
                at++;
                idArray[at] = id;
                values[at] = value;
                if (names is not null)
                {
                    names[at] = name!;
                }
            }
            if (unitLength)
            {
                foreach (var v in values)
                {
                    sumOfSquares += v * v;
                }
                var scale = (float)(1 / Math.Sqrt(sumOfSquares));
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] *= scale;
                }
            }
            if (_withNames)
            {
                Array.Clear(_names, 0, _count);
            }
            return new FeatureVector(idArray, values, names);
        }
    }
}
