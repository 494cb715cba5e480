using System.Numerics.Tensors;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// Multinomial naive Bayes with exact counts. Only observed (feature, category) pairs are stored, each with
/// its precomputed log(1 + count/alpha), so a prediction touches only the postings of the title's features:
///   score(c) = log prior(c) + sum_f x_f log((n_fc + a) / (N_c + a V))
///            = log prior(c) - X log(N_c + a V) + X log a + sum_f x_f log(1 + n_fc / a).
/// The X log a term is the same for every category and cancels in the softmax.
/// </summary>
public sealed class NaiveBayesLearner : ICategoryLearner
{
    private const int PostingChunksPerPageLog2 = 6;

    private readonly ChunkedRowsWriter<Postings?> _postings;
    private readonly float[] _featureTotals;
    private float[] _categoryTotals;
    private float[] _categoryExamples;
    private int _observedFeatures;
    private Snapshot _snapshot;

    public NaiveBayesLearner(int categoryCount, int featureDimension, NaiveBayesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (categoryCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(categoryCount), "A learner needs at least one category.");
        }
        if (featureDimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureDimension), "The featurizer dimension must be positive.");
        }
        CategoryCount = categoryCount;
        Options = options;
        _postings = new ChunkedRowsWriter<Postings?>(featureDimension, 1, options.ChunkRowsLog2, PostingChunksPerPageLog2);
        _featureTotals = new float[featureDimension];
        _categoryTotals = new float[categoryCount];
        _categoryExamples = new float[categoryCount];
        _snapshot = BuildSnapshot();
    }

    public int CategoryCount { get; }

    public NaiveBayesOptions Options { get; }

    public void Learn(LearningExample example)
    {
        Count(example);
        Volatile.Write(ref _snapshot, BuildSnapshot());
    }

    public void Learn(IReadOnlyList<LearningExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        for (var f = 0; f < _postings.RowCount; f++)
        {
            _postings.Set(f, null);
        }
        Array.Clear(_featureTotals);
        _observedFeatures = 0;
        _categoryTotals = new float[CategoryCount];
        _categoryExamples = new float[CategoryCount];
        // Counting into one hash map first keeps a from-scratch build linear in the table size; adding
        // pair by pair would search a posting list per count.
        var pairs = new Dictionary<long, float>();
        foreach (var example in examples)
        {
            if (example.Labels.Length == 0)
            {
                continue;
            }
            var ids = example.Input.Features.Ids;
            var values = example.Input.Features.Values;
            var share = example.Weight / example.Labels.Length;
            foreach (var label in example.Labels)
            {
                _categoryExamples[label] += share;
                for (var i = 0; i < ids.Length; i++)
                {
                    if ((uint)ids[i] >= (uint)_postings.RowCount)
                    {
                        continue;
                    }
                    var amount = values[i] * share;
                    _featureTotals[ids[i]] += amount;
                    _categoryTotals[label] += amount;
                    var key = ((long)ids[i] << 32) | (uint)label;
                    pairs[key] = pairs.GetValueOrDefault(key) + amount;
                }
            }
        }
        var inverseAlpha = 1f / Options.Alpha;
        foreach (var (key, amount) in pairs.OrderBy(p => p.Key))
        {
            var feature = (int)(key >> 32);
            _postings.Set(feature, (_postings[feature] ?? Postings.Empty).Add((int)(key & 0xFFFFFFFF), amount, inverseAlpha, inPlace: true));
        }
        foreach (var feature in pairs.Keys.Select(k => (int)(k >> 32)).Distinct())
        {
            _postings.Set(feature, _postings[feature]!.Densified(CategoryCount));
        }
        _observedFeatures = _featureTotals.Count(t => t != 0);
        Volatile.Write(ref _snapshot, BuildSnapshot());
    }

    public void Predict(TitleInput input, Span<float> probabilities) => Current.Predict(input, probabilities);

    /// <summary>The published counts; the model captures it with the other learners' so one update is seen whole.</summary>
    internal Snapshot Current => Volatile.Read(ref _snapshot);

    internal void ReadState(BinaryReader reader)
    {
        _observedFeatures = reader.ReadInt32();
        for (var c = 0; c < CategoryCount; c++)
        {
            _categoryTotals[c] = reader.ReadSingle();
        }
        for (var c = 0; c < CategoryCount; c++)
        {
            _categoryExamples[c] = reader.ReadSingle();
        }
        var present = reader.ReadInt32();
        for (var p = 0; p < present; p++)
        {
            var feature = reader.ReadInt32();
            if ((uint)feature >= (uint)_postings.RowCount)
            {
                throw new InvalidDataException($"Naive Bayes postings name feature {feature} of {_postings.RowCount}.");
            }
            var categories = BinaryArrays.ReadInts(reader, CategoryCount);
            var counts = BinaryArrays.ReadFloats(reader);
            var length = categories.Length;
            if (counts.Length != length)
            {
                throw new InvalidDataException($"Naive Bayes feature {feature} has {length} categories but {counts.Length} counts.");
            }
            var logs = new float[length];
            for (var j = 0; j < length; j++)
            {
                logs[j] = MathF.Log(1f + counts[j] * (1f / Options.Alpha));
                _featureTotals[feature] += counts[j];
            }
            _postings.Set(feature, new Postings(categories, counts, logs, length).Densified(CategoryCount));
        }
        Volatile.Write(ref _snapshot, BuildSnapshot());
    }

    private void Count(LearningExample example)
    {
        if (example.Labels.Length == 0)
        {
            return;
        }
        var ids = example.Input.Features.Ids;
        var values = example.Input.Features.Values;
        // A multi-label title counts once in total, shared between its labels.
        var share = example.Weight / example.Labels.Length;
        var categoryTotals = (float[])_categoryTotals.Clone();
        var categoryExamples = (float[])_categoryExamples.Clone();
        var inverseAlpha = 1f / Options.Alpha;
        foreach (var label in example.Labels)
        {
            categoryExamples[label] += share;
            for (var i = 0; i < ids.Length; i++)
            {
                var feature = ids[i];
                if ((uint)feature >= (uint)_postings.RowCount)
                {
                    continue;
                }
                var amount = values[i] * share;
                if (_featureTotals[feature] == 0 && amount != 0)
                {
                    _observedFeatures++;
                }
                _featureTotals[feature] += amount;
                categoryTotals[label] += amount;
                _postings.Set(feature, (_postings[feature] ?? Postings.Empty).Add(label, amount, inverseAlpha, inPlace: false).Densified(CategoryCount));
            }
        }
        _categoryTotals = categoryTotals;
        _categoryExamples = categoryExamples;
    }

    private Snapshot BuildSnapshot()
    {
        var count = CategoryCount;
        var logPrior = new float[count];
        var logNormaliser = new float[count];
        var examples = TensorPrimitives.Sum<float>(_categoryExamples);
        var vocabulary = Math.Max(1, _observedFeatures);
        for (var c = 0; c < count; c++)
        {
            // Add-one on the prior keeps unseen categories possible but unlikely.
            logPrior[c] = MathF.Log((_categoryExamples[c] + 1f) / (examples + count));
            logNormaliser[c] = MathF.Log(_categoryTotals[c] + Options.Alpha * vocabulary) - MathF.Log(Options.Alpha * vocabulary);
        }
        return new Snapshot(_postings.Publish(), logPrior, logNormaliser, _categoryTotals, _categoryExamples, _observedFeatures);
    }

    /// <summary>Immutable counts: everything a prediction reads.</summary>
    internal sealed record Snapshot(
        ChunkedRows<Postings?> Postings,
        float[] LogPrior,
        float[] LogNormaliser,
        float[] CategoryTotals,
        float[] CategoryExamples,
        int ObservedFeatures)
    {
        /// <summary>Weighted number of examples learned: how much evidence stands behind this axis.</summary>
        public float Examples { get; } = TensorPrimitives.Sum<float>(CategoryExamples);

        public void Predict(TitleInput input, Span<float> probabilities)
        {
            var values = input.Features.Values;
            var ids = input.Features.Ids;
            var mass = TensorPrimitives.Sum(values);
            // Dense part: prior minus the category length normaliser, scaled by the title's feature mass.
            TensorPrimitives.MultiplyAdd(LogNormaliser, -mass, LogPrior, probabilities);
            for (var i = 0; i < ids.Length; i++)
            {
                if ((uint)ids[i] >= (uint)Postings.RowCount || Postings[ids[i]] is not { } postings)
                {
                    continue;
                }
                var x = values[i];
                if (postings.Dense is { } dense)
                {
                    TensorPrimitives.MultiplyAdd(dense, x, probabilities, probabilities);
                    foreach (var (category, _, log) in postings.Patch)
                    {
                        probabilities[category] += x * (log - dense[category]);
                    }
                    continue;
                }
                var categories = postings.Categories;
                var logs = postings.Logs;
                for (var j = 0; j < postings.Length; j++)
                {
                    probabilities[categories[j]] += x * logs[j];
                }
            }
            Probability.SoftMax(probabilities);
        }

        /// <summary>Per-feature share of score(winner) - score(other).</summary>
        public void ExplainFeatures(TitleInput input, int winner, int other, Span<float> contributions)
        {
            var ids = input.Features.Ids;
            var values = input.Features.Values;
            for (var i = 0; i < ids.Length; i++)
            {
                contributions[i] = 0;
                if ((uint)ids[i] >= (uint)Postings.RowCount || Postings[ids[i]] is not { } postings)
                {
                    continue;
                }
                var delta = values[i] * (LogNormaliser[other] - LogNormaliser[winner] + postings.LogOf(winner) - postings.LogOf(other));
                contributions[i] = delta;
            }
        }

        public void Write(BinaryWriter writer)
        {
            writer.Write(ObservedFeatures);
            foreach (var value in CategoryTotals)
            {
                writer.Write(value);
            }
            foreach (var value in CategoryExamples)
            {
                writer.Write(value);
            }
            var present = 0;
            for (var f = 0; f < Postings.RowCount; f++)
            {
                present += Postings[f] is null ? 0 : 1;
            }
            writer.Write(present);
            for (var f = 0; f < Postings.RowCount; f++)
            {
                if (Postings[f] is not { } stored)
                {
                    continue;
                }
                var postings = stored.Folded(LogPrior.Length);
                writer.Write(f);
                BinaryArrays.WriteInts(writer, postings.Categories.AsSpan(0, postings.Length));
                BinaryArrays.WriteFloats(writer, postings.Counts.AsSpan(0, postings.Length));
            }
        }
    }
}

/// <summary>
/// The categories seen with one feature, with each count's log(1 + count / alpha) kept beside it so that a
/// prediction does no logarithms. A feature seen with a large share of the categories also keeps the logs
/// as a dense row, because one SIMD pass over all categories beats hundreds of scattered adds. Immutable
/// once published: an add either writes past the length a published reader can see (spare capacity) or
/// copies. A dense feature's incremental adds go to a small patch that overrides a few categories, so a
/// correction copies a few entries instead of three arrays of every category; the patch is folded in
/// once it fills.
/// </summary>
internal sealed class Postings
{
    private const int PatchCapacity = 32;

    public static readonly Postings Empty = new([], [], [], 0);

    public Postings(int[] categories, float[] counts, float[] logs, int length)
    {
        Categories = categories;
        Counts = counts;
        Logs = logs;
        Length = length;
    }

    /// <summary>The categories of the base arrays; with a patch, see <see cref="Folded"/> for the whole list.</summary>
    public int[] Categories { get; }

    public float[] Counts { get; }

    public float[] Logs { get; }

    public int Length { get; }

    /// <summary>Logs by category index, for features seen with many categories; null otherwise.</summary>
    public float[]? Dense { get; private init; }

    /// <summary>Categories whose count changed since the dense row was built, with their current count and log.</summary>
    public (int Category, float Count, float Log)[] Patch { get; private init; } = [];

    public Postings Densified(int categoryCount)
    {
        if (Dense is not null || Length * 8 < categoryCount || Length < 16)
        {
            return this;
        }
        var dense = new float[categoryCount];
        for (var j = 0; j < Length; j++)
        {
            dense[Categories[j]] = Logs[j];
        }
        return new Postings(Categories, Counts, Logs, Length) { Dense = dense };
    }

    /// <summary>log(1 + count / alpha) of one category, 0 when the feature was never seen with it.</summary>
    public float LogOf(int category)
    {
        foreach (var (patched, _, log) in Patch)
        {
            if (patched == category)
            {
                return log;
            }
        }
        if (Dense is { } dense)
        {
            return dense[category];
        }
        var at = Array.IndexOf(Categories, category, 0, Length);
        return at < 0 ? 0f : Logs[at];
    }

    /// <summary>The same counts with the patch merged into the base arrays (and a fresh dense row).</summary>
    public Postings Folded(int categoryCount)
    {
        if (Patch.Length == 0)
        {
            return this;
        }
        var capacity = Length + Patch.Length;
        var categories = new int[capacity];
        var counts = new float[capacity];
        var logs = new float[capacity];
        Array.Copy(Categories, categories, Length);
        Array.Copy(Counts, counts, Length);
        Array.Copy(Logs, logs, Length);
        var length = Length;
        foreach (var (category, count, log) in Patch)
        {
            var at = Array.IndexOf(categories, category, 0, length);
            if (at < 0)
            {
                at = length++;
                categories[at] = category;
            }
            counts[at] = count;
            logs[at] = log;
        }
        var dense = new float[categoryCount];
        for (var j = 0; j < length; j++)
        {
            dense[categories[j]] = logs[j];
        }
        return new Postings(categories, counts, logs, length) { Dense = dense };
    }

    /// <param name="inPlace">Only for postings no published snapshot can see (a from-scratch build).</param>
    public Postings Add(int category, float amount, float inverseAlpha, bool inPlace)
    {
        if (Dense is not null && !inPlace)
        {
            return AddToPatch(category, amount, inverseAlpha);
        }
        for (var j = 0; j < Length; j++)
        {
            if (Categories[j] == category)
            {
                var counts = inPlace ? Counts : (float[])Counts.Clone();
                var logs = inPlace ? Logs : (float[])Logs.Clone();
                counts[j] += amount;
                logs[j] = MathF.Log(1f + counts[j] * inverseAlpha);
                return inPlace ? this : new Postings(Categories, counts, logs, Length);
            }
        }
        var categories = Categories;
        var grownCounts = Counts;
        var grownLogs = Logs;
        if (Length == Categories.Length)
        {
            var capacity = Math.Max(2, Length * 2);
            categories = new int[capacity];
            grownCounts = new float[capacity];
            grownLogs = new float[capacity];
            Array.Copy(Categories, categories, Length);
            Array.Copy(Counts, grownCounts, Length);
            Array.Copy(Logs, grownLogs, Length);
        }
        categories[Length] = category;
        grownCounts[Length] = amount;
        grownLogs[Length] = MathF.Log(1f + amount * inverseAlpha);
        return new Postings(categories, grownCounts, grownLogs, Length + 1);
    }

    private Postings AddToPatch(int category, float amount, float inverseAlpha)
    {
        var index = Array.FindIndex(Patch, p => p.Category == category);
        var count = amount;
        if (index >= 0)
        {
            count += Patch[index].Count;
        }
        else
        {
            var at = Array.IndexOf(Categories, category, 0, Length);
            count += at < 0 ? 0f : Counts[at];
        }
        var patch = index >= 0 ? (((int, float, float)[])Patch.Clone()) : [.. Patch, default];
        patch[index >= 0 ? index : patch.Length - 1] = (category, count, MathF.Log(1f + count * inverseAlpha));
        var patched = new Postings(Categories, Counts, Logs, Length) { Dense = Dense, Patch = patch };
        return patch.Length > PatchCapacity ? patched.Folded(Dense!.Length) : patched;
    }
}
