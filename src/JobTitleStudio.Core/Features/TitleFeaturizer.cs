using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Features;

/// <summary>A title's normalised form, its features and its guessed language, from one call (a struct: every prediction makes one).</summary>
public readonly record struct FeaturizedTitle(NormalizedTitle Title, FeatureVector Features, LanguageGuess Language);

/// <summary>
/// Hashed sparse features of a title, in four families (docs/TEXT.md): words (as written and
/// expanded, plus diacritic-free forms), word bigrams, character n-grams with &lt; &gt; word marks,
/// and head/modifier features. A feature's id is <see cref="FeatureHash"/> of its name modulo
/// <see cref="Dimension"/>; its value is binary, scaled by the family's weight / sqrt(features in
/// the family), and the vector is scaled to unit length. Thread-safe; one instance serves all.
/// </summary>
public sealed class TitleFeaturizer : ITitleFeaturizer
{
    /// <summary>
    /// Language confidence needed before the German or Spanish head rule replaces the English one.
    /// At 0.95, 0.03 % of O*NET titles switch ("Media Director" would otherwise be headed by "media")
    /// while 83 % of ESCO German and 92 % of Spanish preferred labels do; at 0.8 it was 0.28 %.
    /// </summary>
    public const double ForeignHeadRuleConfidence = 0.95;

    /// <summary>
    /// Version of the normalisation and feature extraction, recorded in every model file: a model's weights
    /// are only meaningful for the features it was trained on, so bump this whenever a change gives some
    /// title different feature ids or values (a new rule, family, weight or hash), and older models are
    /// then refused with a message to retrain instead of silently predicting from mismatched features.
    /// </summary>
    public const int FeatureSetVersion = 1;

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

    /// <summary>Room for the diacritic-free form of a word of up to 64 characters.</summary>
    private const int FoldedLength = 128;

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

    internal static string HeadRule(LanguageGuess language) =>
        language.Confidence >= ForeignHeadRuleConfidence && language.Language is "de" or "es" ? language.Language : "en";

    [SkipLocalsInit]
    private FeatureVector Featurize(NormalizedTitle title, string headRule, bool withNames)
    {
        var words = title.ExpandedArray;
        if (words.Length == 0)
        {
            return FeatureVector.Empty;
        }
        var acc = t_accumulator ??= new Accumulator();
        acc.Reset(withNames, _options.BucketCount);
        var kinds = words.Length <= 64 ? stackalloc WordKind[words.Length] : new WordKind[words.Length];
        HeadFinder.Classify(words, kinds);

        if (_options.Words || _options.CharNGrams)
        {
            AddWordFeatures(acc, words, kinds);
            // The written tokens are the expanded ones unless an abbreviation was expanded (then the normaliser keeps two arrays).
            if (!ReferenceEquals(title.TokenArray, words))
            {
                AddWrittenWordFeatures(acc, title.TokenArray, words);
            }
        }
        if (_options.Bigrams)
        {
            AddBigrams(acc, words, kinds, title.PartStartArray);
        }
        if (_options.HeadAndModifiers)
        {
            AddHeadFeatures(acc, words, kinds, HeadFinder.FindIndex(words, kinds, title.PartStartArray, headRule, _normalizer.Lexicon));
        }
        return acc.Build(_familyWeights, _options.UnitLength);
    }

    private void AddWordFeatures(Accumulator acc, string[] words, ReadOnlySpan<WordKind> kinds)
    {
        for (var w = 0; w < words.Length; w++)
        {
            if ((kinds[w] & WordKind.Stopword) == 0)
            {
                AddWordFeatures(acc, words[w]);
            }
        }
    }

    /// <summary>Written tokens the expansion replaced ("vp", "mktg"); the others were featurized with the expanded words.</summary>
    private void AddWrittenWordFeatures(Accumulator acc, string[] tokens, string[] expanded)
    {
        for (var w = 0; w < tokens.Length; w++)
        {
            var word = tokens[w];
            if (!expanded.AsSpan().Contains(word) && !TitleWords.IsStopword(word))
            {
                AddWordFeatures(acc, word);
            }
        }
    }

    [SkipLocalsInit]
    private void AddWordFeatures(Accumulator acc, string word)
    {
        if (_options.Words)
        {
            acc.Add(WordFamily, FeatureHash.Append(WordPrefix, word), "word:", word);
            if (word.Length <= FoldedLength / DiacriticFolding.MaxExpansion && DiacriticFolding.NeedsFolding(word))
            {
                Span<char> folded = stackalloc char[FoldedLength];
                var plain = folded[..DiacriticFolding.Fold(word, folded)];
                acc.Add(WordFamily, FeatureHash.Append(WordPrefix, plain), "word:", plain);
            }
        }
        if (_options.CharNGrams)
        {
            AddCharNGrams(acc, word);
        }
    }

    /// <summary>fastText-style: n-grams of "&lt;word&gt;", so prefixes and suffixes ("&lt;mgr", "ger&gt;") are their own features.</summary>
    [SkipLocalsInit]
    private void AddCharNGrams(Accumulator acc, string word)
    {
        Span<char> marked = word.Length <= 254 ? stackalloc char[word.Length + 2] : new char[word.Length + 2];
        marked[0] = '<';
        word.AsSpan().CopyTo(marked[1..]);
        marked[^1] = '>';
        var (minN, maxN) = (_options.MinCharN, _options.MaxCharN);
        // Hashing the first n - 1 characters one at a time is what hashing them together does, unless two of them
        // form a surrogate pair (one 4-byte character, where one at a time makes two U+FFFD).
        var oneAtATime = !word.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF');
        // The hash of a longer n-gram continues the hash of the shorter one at the same start.
        for (var start = 0; start + minN <= marked.Length; start++)
        {
            var hash = CharPrefix;
            if (oneAtATime)
            {
                for (var k = start; k < start + minN - 1; k++)
                {
                    hash = FeatureHash.Append(hash, marked[k]);
                }
            }
            else
            {
                hash = FeatureHash.Append(hash, marked.Slice(start, minN - 1));
            }
            var last = Math.Min(start + maxN, marked.Length);
            for (var end = start + minN; end <= last; end++)
            {
                hash = FeatureHash.Append(hash, marked[end - 1]);
                if (acc.WithNames)
                {
                    acc.Add(CharFamily, hash, "char:", marked[start..end]);
                }
                else
                {
                    acc.Add(CharFamily, hash);
                }
            }
        }
    }

    private static void AddBigrams(Accumulator acc, string[] words, ReadOnlySpan<WordKind> kinds, int[] partStarts)
    {
        var part = 0;
        for (var i = 0; i + 1 < words.Length; i++)
        {
            while (part + 1 < partStarts.Length && partStarts[part + 1] <= i)
            {
                part++;
            }
            var crossesPart = part + 1 < partStarts.Length && partStarts[part + 1] == i + 1;
            if (crossesPart || ((kinds[i] | kinds[i + 1]) & WordKind.Stopword) != 0)
            {
                continue;
            }
            var (left, right) = (words[i], words[i + 1]);
            var hash = FeatureHash.Append(FeatureHash.Append(FeatureHash.Append(BigramPrefix, left), '_'), right);
            acc.Add(BigramFamily, hash, "bigram:", left, "_", right);
        }
    }

    private static void AddHeadFeatures(Accumulator acc, string[] words, ReadOnlySpan<WordKind> kinds, int head)
    {
        if (head >= 0)
        {
            acc.Add(HeadFamily, FeatureHash.Append(HeadPrefix, words[head]), "head:", words[head]);
        }
        var modifiers = 0;
        var headPair = head >= 0 ? FeatureHash.Append(FeatureHash.Append(HeadModifierPrefix, words[head]), '|') : 0;
        for (var i = 0; i < words.Length && modifiers < HeadFinder.MaxModifiers; i++)
        {
            if (i == head || !HeadFinder.IsModifier(words, kinds, i, head))
            {
                continue;
            }
            modifiers++;
            acc.Add(HeadFamily, FeatureHash.Append(ModifierPrefix, words[i]), "mod:", words[i]);
            if (head >= 0)
            {
                var hash = FeatureHash.Append(headPair, words[i]);
                acc.Add(HeadFamily, hash, "head_mod:", words[head], "|", words[i]);
            }
        }
    }

    /// <summary>
    /// Per-thread buffers for one vector. Each feature is one long, bucket | family | position, so
    /// ordering the longs orders by bucket and keeps the position to find the feature's name.
    /// </summary>
    private sealed class Accumulator
    {
        private const int PositionBits = 20;
        private const int FamilyBits = 4;
        private const int KeyShift = PositionBits + FamilyBits;

        private long[] _keys = new long[256];
        private long[] _sorted = new long[256];
        private string?[] _names = new string?[256];
        private int[] _ids = new int[256];
        private byte[] _families = new byte[256];
        private string?[] _idNames = new string?[256];
        private readonly int[] _familyCounts = new int[FamilyCount];
        private readonly float[] _familyValues = new float[FamilyCount];
        private int _count;
        private bool _withNames;
        private int _buckets;
        private int _bucketBits;

        public bool WithNames => _withNames;

        public void Reset(bool withNames, int buckets)
        {
            _count = 0;
            _withNames = withNames;
            _buckets = buckets;
            // The default 2^20 buckets take a mask; any other count the same remainder by division.
            _bucketBits = BitOperations.IsPow2(buckets) ? BitOperations.Log2((uint)buckets) : -1;
        }

        public void Add(int family, uint hash, string prefix, ReadOnlySpan<char> text, string? separator = null, string? second = null)
        {
            if (_withNames && (_count < _keys.Length || Grow()))
            {
                _names[_count] = string.Concat(prefix, text, separator, second);
            }
            Add(family, hash);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int family, uint hash)
        {
            if (_count == _keys.Length && !Grow())
            {
                return;
            }
            var bucket = _bucketBits >= 0 ? hash & ((1u << _bucketBits) - 1) : (uint)FeatureHash.Bucket(hash, _buckets);
            _keys[_count] = ((long)bucket << KeyShift) | ((long)family << PositionBits) | (long)_count;
            _count++;
        }

        private bool Grow()
        {
            var size = _keys.Length * 2;
            if (size > 1 << PositionBits)
            {
                return false; // a pasted essay, not a title: a million features are plenty
            }
            Array.Resize(ref _keys, size);
            Array.Resize(ref _sorted, size);
            Array.Resize(ref _names, size);
            Array.Resize(ref _ids, size);
            Array.Resize(ref _families, size);
            Array.Resize(ref _idNames, size);
            return true;
        }

        public FeatureVector Build(float[] familyWeights, bool unitLength)
        {
            var keys = SortKeys();

            // Per id, which families reach it (a bit each) and, for names, which features. A feature seen twice
            // (a word both written and expanded) is still one binary feature; different families may share a
            // bucket, and then their values add up into one id.
            Array.Clear(_familyCounts);
            var ids = 0;
            var previousPair = -1L;
            for (var i = 0; i < keys.Length; i++)
            {
                var pair = keys[i] >> PositionBits;
                if (pair == previousPair)
                {
                    continue;
                }
                previousPair = pair;
                var id = (int)(keys[i] >> KeyShift);
                var family = Family(keys[i]);
                if (ids == 0 || _ids[ids - 1] != id)
                {
                    _ids[ids] = id;
                    _families[ids] = 0;
                    if (_withNames)
                    {
                        _idNames[ids] = NameOf(keys[i]);
                    }
                    ids++;
                }
                else if (_withNames)
                {
                    _idNames[ids - 1] = _idNames[ids - 1] + " + " + NameOf(keys[i]);
                }
                _families[ids - 1] |= (byte)(1 << family);
                _familyCounts[family]++;
            }
            for (var f = 0; f < FamilyCount; f++)
            {
                _familyValues[f] = familyWeights[f] / MathF.Sqrt(_familyCounts[f]);
            }

            var idArray = _ids.AsSpan(0, ids).ToArray();
            var values = new float[ids];
            var sumOfSquares = 0.0;
            for (var i = 0; i < ids; i++)
            {
                // Families in ascending order, as the keys list them.
                var families = (uint)_families[i];
                var value = _familyValues[BitOperations.TrailingZeroCount(families)];
                for (families &= families - 1; families != 0; families &= families - 1)
                {
                    value += _familyValues[BitOperations.TrailingZeroCount(families)];
                }
                values[i] = value;
                sumOfSquares += value * value;
            }
            if (unitLength)
            {
                var scale = (float)(1 / Math.Sqrt(sumOfSquares));
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] *= scale;
                }
            }
            string[]? names = null;
            if (_withNames)
            {
                names = _idNames.AsSpan(0, ids).ToArray()!;
                Array.Clear(_names, 0, _count);
                Array.Clear(_idNames, 0, ids);
            }
            return FeatureVector.Trusted(idArray, values, names);
        }

        /// <summary>
        /// The keys in ascending order. A comparison sort of a title's random buckets mispredicts a
        /// branch every other comparison; distributing the keys into bins by their top bucket bits
        /// (stable, so equal bins keep position order), about half a key per bin, leaves an almost
        /// sorted array that one insertion pass finishes with few moves. Keys are distinct
        /// (positions differ), so the order is the same as any sort's.
        /// </summary>
        [SkipLocalsInit]
        private Span<long> SortKeys()
        {
            var count = _count;
            if (count < RankedBelow && Vector256.IsHardwareAccelerated)
            {
                return SortByRank(count);
            }
            var keys = _keys.AsSpan(0, count);
            // About two bins per key: fewer leave more for the insertion pass, more cost more to clear and sum.
            var binBits = count < 32 ? 0 : BitOperations.Log2((uint)count) + 1;
            if (binBits == 0 || binBits > 11 || _bucketBits < binBits)
            {
                keys.Sort();
                return keys;
            }
            var shift = KeyShift + _bucketBits - binBits;
            Span<int> next = stackalloc int[1 << binBits];
            next.Clear();
            foreach (var key in keys)
            {
                next[(int)(key >> shift)]++;
            }
            var total = 0;
            for (var b = 0; b < next.Length; b++)
            {
                var inBin = next[b];
                next[b] = total;
                total += inBin;
            }
            var sorted = _sorted.AsSpan(0, count);
            foreach (var key in keys)
            {
                sorted[next[(int)(key >> shift)]++] = key;
            }
            for (var i = 1; i < sorted.Length; i++)
            {
                var key = sorted[i];
                if (key >= sorted[i - 1])
                {
                    continue;
                }
                var j = i - 1;
                while (j >= 0 && sorted[j] > key)
                {
                    sorted[j + 1] = sorted[j];
                    j--;
                }
                sorted[j + 1] = key;
            }
            return sorted;
        }

        /// <summary>Below this many keys (most titles) <see cref="SortByRank"/> orders them.</summary>
        private const int RankedBelow = 32;

        /// <summary>
        /// A few keys in ascending order: each key's place is the number of keys below it (keys are distinct), counted
        /// with one comparison per vector of keys, so no branch depends on the order the buckets came in (the general
        /// sort's insertion and partition mispredicted about every other comparison).
        /// </summary>
        private Span<long> SortByRank(int count)
        {
            // Whole vectors: the keys past the title's are above every key, so they never count as below one.
            var length = (count + Vector256<long>.Count - 1) & -Vector256<long>.Count;
            var keys = _keys.AsSpan(0, length);
            keys[count..].Fill(long.MaxValue);
            ref var start = ref MemoryMarshal.GetReference(keys);
            var sorted = _sorted.AsSpan(0, count);
            for (var i = 0; i < count; i++)
            {
                var key = keys[i];
                var probe = Vector256.Create(key);
                var below = 0;
                for (var j = 0; j < length; j += Vector256<long>.Count)
                {
                    below += BitOperations.PopCount(Vector256.LessThan(Vector256.LoadUnsafe(ref start, (nuint)j), probe).ExtractMostSignificantBits());
                }
                sorted[below] = key;
            }
            return sorted;
        }

        private string? NameOf(long key) => _names[(int)(key & ((1 << PositionBits) - 1))];

        private static int Family(long key) => (int)((key >> PositionBits) & ((1 << FamilyBits) - 1));
    }
}
