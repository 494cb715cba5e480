using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// Multinomial naive Bayes with exact counts. Only observed (feature, category) pairs are stored, each with
/// its precomputed log(1 + count/alpha), so a prediction touches only the postings of the title's features:
///   score(c) = log prior(c) + sum_f x_f log((n_fc + a) / (N_c + a V))
///            = log prior(c) - X log(N_c + a V) + X log a + sum_f x_f log(1 + n_fc / a).
/// The X log a term is the same for every category and cancels in the softmax.
/// The counts of a training run (or a model file) live in one flat, immutable <see cref="BayesBase"/>
/// (a few big arrays instead of objects per feature: a fraction of the memory, one cache miss per feature
/// lookup); features whose counts changed since then sit in a versioned overlay (written in place) that wins over
/// the base, and fold into a new base once many have changed.
/// </summary>
public sealed class NaiveBayesLearner : ICategoryLearner
{
    /// <summary>Categories per chunk of the per-category counts: a correction copies one chunk, not two arrays of every category.</summary>
    private const int CategoryRowsLog2 = 4;

    /// <summary>Features changed since the base was built before the overlay is folded into a new base.</summary>
    private const int FoldThreshold = 1 << 16;

    /// <summary>
    /// Versions the overlay may keep before it folds: each changed feature's newest, and older ones while a
    /// snapshot that may read them lives (a long batch prediction holds one), which a fold lets go.
    /// </summary>
    private const int FoldVersions = 2 * FoldThreshold;

    private readonly int _featureDimension;
    private readonly VersionedOverlayWriter<Postings> _overlay = new(FoldThreshold);
    private BayesBase _base;
    /// <summary>Per category: its total feature count (column 0) and its weighted number of examples (column 1).</summary>
    private readonly ChunkedRowsWriter<float> _categoryCounts;
    private int _observedFeatures;
    private Snapshot _snapshot;
    /// <summary>The model's axes whose start entries share one table with this one's; null for a learner on its own.</summary>
    private SharedStarts? _shared;
    private int _column;

    public NaiveBayesLearner(int categoryCount, int featureDimension, NaiveBayesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (categoryCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(categoryCount), "A learner needs at least one category.");
        }
        if (categoryCount > BayesBase.MaxCategories)
        {
            throw new ArgumentOutOfRangeException(nameof(categoryCount), $"Naive Bayes keeps category indexes in 16 bits: an axis has at most {BayesBase.MaxCategories:N0} categories, this one {categoryCount:N0}.");
        }
        if (featureDimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureDimension), "The featurizer dimension must be positive.");
        }
        CategoryCount = categoryCount;
        Options = options;
        _featureDimension = featureDimension;
        _base = BayesBase.Empty(featureDimension, categoryCount);
        _categoryCounts = new ChunkedRowsWriter<float>(categoryCount, 2, CategoryRowsLog2, CategoryRowsLog2);
        _snapshot = BuildSnapshot();
    }

    public int CategoryCount { get; }

    public NaiveBayesOptions Options { get; }

    public void Learn(LearningExample example)
    {
        Count(example);
        if (_overlay.Count >= FoldThreshold || _overlay.Versions >= FoldVersions)
        {
            Reset(BayesBase.Merge(_base, _overlay.Peek(), _featureDimension, CategoryCount, 1f / Options.Alpha));
        }
        Volatile.Write(ref _snapshot, BuildSnapshot());
    }

    public void Learn(IReadOnlyList<LearningExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var categoryTotals = new float[CategoryCount];
        var categoryExamples = new float[CategoryCount];
        // Counting into one hash map first keeps a from-scratch build linear in the table size.
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
                categoryExamples[label] += share;
                for (var i = 0; i < ids.Length; i++)
                {
                    if ((uint)ids[i] >= (uint)_featureDimension)
                    {
                        continue;
                    }
                    var amount = values[i] * share;
                    categoryTotals[label] += amount;
                    var key = ((long)ids[i] << 32) | (uint)label;
                    pairs[key] = pairs.GetValueOrDefault(key) + amount;
                }
            }
        }
        var keys = pairs.Keys.ToArray();
        Array.Sort(keys);
        var features = new int[keys.Length];
        var categories = new int[keys.Length];
        var counts = new float[keys.Length];
        for (var j = 0; j < keys.Length; j++)
        {
            features[j] = (int)(keys[j] >> 32);
            categories[j] = (int)(keys[j] & 0xFFFFFFFF);
            counts[j] = pairs[keys[j]];
        }
        SetCategoryCounts(categoryTotals, categoryExamples);
        Reset(BayesBase.Build(features, categories, counts, _featureDimension, CategoryCount, 1f / Options.Alpha));
        Volatile.Write(ref _snapshot, BuildSnapshot());
    }

    public void Predict(TitleInput input, Span<float> probabilities) => Current.Predict(input, probabilities);

    /// <summary>The published counts; the model captures it with the other learners' so one update is seen whole.</summary>
    internal Snapshot Current => Volatile.Read(ref _snapshot);

    /// <inheritdoc cref="LinearModel.VersionsTrimmedByModel"/>
    internal bool VersionsTrimmedByModel
    {
        set => _overlay.TrimmedByOwner = value;
    }

    /// <summary>No prediction reads a snapshot older than <paramref name="oldestRead"/> any more: the counts they alone read can go.</summary>
    internal void ForgetBefore(Snapshot oldestRead) => _overlay.ForgetBefore(oldestRead.Overlay.Version);

    internal void ReadState(BinaryReader reader)
    {
        var observed = reader.ReadInt32();
        var categoryTotals = new float[CategoryCount];
        var categoryExamples = new float[CategoryCount];
        for (var c = 0; c < CategoryCount; c++)
        {
            categoryTotals[c] = reader.ReadSingle();
        }
        for (var c = 0; c < CategoryCount; c++)
        {
            categoryExamples[c] = reader.ReadSingle();
        }
        SetCategoryCounts(categoryTotals, categoryExamples);
        Reset(BayesBase.Read(reader, _featureDimension, CategoryCount, 1f / Options.Alpha));
        _observedFeatures = observed;
        Volatile.Write(ref _snapshot, BuildSnapshot());
    }

    private void SetCategoryCounts(float[] totals, float[] examples)
    {
        for (var c = 0; c < CategoryCount; c++)
        {
            var row = _categoryCounts.WritableRow(c);
            row[0] = totals[c];
            row[1] = examples[c];
        }
    }

    private void Reset(BayesBase built)
    {
        _base = built;
        _observedFeatures = built.PresentFeatures;
        _overlay.Clear();
        _shared?.Changed();
    }

    /// <summary>
    /// Makes the naive Bayes learners of one model (same featurizer) share one start table (see <see cref="SharedStarts"/>);
    /// it is built when the model next captures their counts (<see cref="CurrentShared"/>).
    /// </summary>
    internal static void ShareStarts(IReadOnlyList<NaiveBayesLearner> learners)
    {
        // A learner's featurizer is fixed at its construction: the table's shape holds for every rebuild.
        if (learners.Any(l => l._featureDimension != learners[0]._featureDimension))
        {
            throw new ArgumentException("The naive Bayes axes of one model share one featurizer.", nameof(learners));
        }
        var shared = new SharedStarts(learners);
        for (var a = 0; a < learners.Count; a++)
        {
            learners[a]._shared = shared;
            learners[a]._column = a;
        }
    }

    /// <summary>
    /// <see cref="Current"/>, reading the shared start table once it is up to date: what the model captures (the
    /// writer's call). A table is built at most once per capture, so loading or training a model (every axis gets a new
    /// base in turn) builds it once, not once per axis.
    /// </summary>
    internal Snapshot CurrentShared
    {
        get
        {
            _shared?.Refresh();
            return Current;
        }
    }

    /// <summary>Republishes the current counts reading <paramref name="table"/>, the shared table with this axis's column up to date.</summary>
    private void ReadStartsFrom(int[] table) =>
        Volatile.Write(ref _snapshot, _snapshot with { Starts = new StartColumn(table, _shared!.Stride, _column) });

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
        var inverseAlpha = 1f / Options.Alpha;
        foreach (var label in example.Labels)
        {
            var categoryCounts = _categoryCounts.WritableRow(label);
            categoryCounts[1] += share;
            for (var i = 0; i < ids.Length; i++)
            {
                var feature = ids[i];
                if ((uint)feature >= (uint)_featureDimension)
                {
                    continue;
                }
                var amount = values[i] * share;
                var postings = _overlay[feature];
                // A feature's first change copies its counts out of the base; until published that copy is the
                // writer's own, so the change goes into it (with room for one more category) instead of a second copy.
                var own = false;
                if (postings is null)
                {
                    postings = _base.Postings(feature, spare: 1);
                    own = postings.Dense.IsEmpty && postings.Categories.Length > 0;
                    if (postings.Length == 0 && amount != 0)
                    {
                        _observedFeatures++;
                    }
                }
                categoryCounts[0] += amount;
                _overlay.Set(feature, postings.Add(label, amount, inverseAlpha, inPlace: own).Densified(CategoryCount));
            }
        }
    }

    private Snapshot BuildSnapshot()
    {
        var count = CategoryCount;
        var logPrior = new float[count];
        var logNormaliser = new float[count];
        var counts = _categoryCounts.Peek();
        Span<float> perCategory = count <= 4096 ? stackalloc float[count] : new float[count];
        for (var c = 0; c < count; c++)
        {
            perCategory[c] = counts.Row(c)[1];
        }
        var examples = TensorPrimitives.Sum<float>(perCategory);
        var vocabulary = Math.Max(1, _observedFeatures);
        for (var c = 0; c < count; c++)
        {
            var row = counts.Row(c);
            // Add-one on the prior keeps unseen categories possible but unlikely.
            logPrior[c] = MathF.Log((row[1] + 1f) / (examples + count));
            logNormaliser[c] = MathF.Log(row[0] + Options.Alpha * vocabulary) - MathF.Log(Options.Alpha * vocabulary);
        }
        return new Snapshot(_base, _overlay.Publish(), _overlay.Count, logPrior, logNormaliser, _categoryCounts.Publish(), examples, _observedFeatures)
        {
            Starts = _shared is { Table: { } table } shared ? new StartColumn(table, shared.Stride, _column) : new StartColumn(_base.Entries, 1, 0),
        };
    }

    /// <summary>
    /// One start table for the naive Bayes axes of a model: entry f * axes + a is axis a's entry of feature f (its
    /// <see cref="BayesBase.Entries"/>: a packed row or block, or a start). A title's ~57 features are looked up
    /// by every axis; in one table the three axes' entries of a feature share a cache line, so a prediction misses
    /// once per feature instead of once per feature and axis (each axis's own table is 4 MB and scattered by the
    /// hash). When an axis gets a new base (training, loading, a fold) the table is stale for all of them: every axis
    /// that publishes before the model's next capture reads its own base's entries until that capture builds a new
    /// table (a new array: older snapshots keep theirs).
    /// </summary>
    private sealed class SharedStarts(IReadOnlyList<NaiveBayesLearner> members)
    {
        public int Stride { get; } = members.Count;

        /// <summary>Null while stale (or while every axis is empty).</summary>
        public int[]? Table { get; private set; }

        public void Changed() => Table = null;

        public void Refresh()
        {
            if (Table is not null || members.All(m => m._base.PresentFeatures == 0))
            {
                return;
            }
            var entries = members[0]._featureDimension + 1;
            var table = new int[entries * Stride];
            for (var a = 0; a < Stride; a++)
            {
                var start = members[a]._base.Entries;
                for (var f = 0; f < entries; f++)
                {
                    table[f * Stride + a] = start[f];
                }
            }
            Table = table;
            foreach (var member in members)
            {
                member.ReadStartsFrom(table);
            }
        }
    }

    /// <summary>Immutable counts: everything a prediction reads.</summary>
    internal sealed record Snapshot(
        BayesBase Base,
        VersionedOverlay<Postings> Overlay,
        int OverlayCount,
        float[] LogPrior,
        float[] LogNormaliser,
        ChunkedRows<float> CategoryCounts,
        float Examples,
        int ObservedFeatures)
    {
        /// <summary>Where this axis's start entries are: the model's shared table, or the base's own.</summary>
        public required StartColumn Starts { get; init; }

        public void Predict(TitleInput input, Span<float> probabilities)
        {
            if (Base.Rows is not null)
            {
                PredictFromRows(input, [], probabilities);
                return;
            }
            Score(input, probabilities);
            Probability.SoftMax(probabilities);
        }

        /// <summary>
        /// Adds every feature's terms to <paramref name="sums"/> (one per category), where <see cref="Locate"/> found
        /// them: its changed counts in the overlay, else its row (at rows[i] in <paramref name="rowLogs"/>) or its block.
        /// </summary>
        private void AddFeatures(TitleInput input, float[] rowLogs, ReadOnlySpan<int> rows, ReadOnlySpan<int> ranges, Span<float> sums)
        {
            var values = input.Features.Values;
            var ids = input.Features.Ids;
            var dimension = Starts.Features;
            for (var i = 0; i < ids.Length; i++)
            {
                var x = values[i];
                if (OverlayCount > 0 && (uint)ids[i] < (uint)dimension && Overlay[ids[i]] is { } changed)
                {
                    Add(changed, x, sums);
                    continue;
                }
                if (rows[i] >= 0)
                {
                    TensorPrimitives.MultiplyAdd(rowLogs.AsSpan(rows[i], sums.Length), x, sums, sums);
                    continue;
                }
                var categories = Base.CategoriesOf(ranges[2 * i], ranges[2 * i + 1]);
                var logs = Base.LogsOf(ranges[2 * i], ranges[2 * i + 1]);
                for (var j = 0; j < categories.Length; j++)
                {
                    sums[categories[j]] += x * logs[j];
                }
            }
        }

        /// <summary>
        /// Probabilities over <paramref name="candidates"/> only (softmax among them); every other category gets 0.
        /// The same scores as <see cref="Predict(TitleInput, Span{float})"/> for the candidates, without touching the rest.
        /// </summary>
        [SkipLocalsInit]
        public unsafe void Predict(TitleInput input, ReadOnlySpan<int> candidates, Span<float> probabilities)
        {
            if (Base.Rows is not null)
            {
                PredictFromRows(input, candidates, probabilities);
                return;
            }
            var values = input.Features.Values;
            var ids = input.Features.Ids;
            var mass = TensorPrimitives.Sum(values);
            Span<int> rows = ids.Length <= 1024 ? stackalloc int[ids.Length] : new int[ids.Length];
            Span<int> ranges = ids.Length <= 512 ? stackalloc int[2 * ids.Length] : new int[2 * ids.Length];
            Locate(ids, candidates, rows, ranges);
            var count = probabilities.Length;
            // With the bitmap a block's pairs reach slotOf only at candidates, so the rest of it is never read.
            var filter = count <= BitmapCategories && Avx512Vbmi.IsSupported && Bmi2.IsSupported;
            Span<short> slotOf = count <= 8192 ? stackalloc short[count] : new short[count];
            if (!filter || OverlayCount > 0)
            {
                slotOf.Fill(-1);
            }
            Span<byte> bitmap = stackalloc byte[BitmapCategories / 8];
            bitmap.Clear();
            // Whole vectors of candidates for the gathers from dense rows: the lanes past the last read category 0 and are dropped.
            var gathered = (candidates.Length + Vector256<int>.Count - 1) & -Vector256<int>.Count;
            Span<float> scores = gathered <= 4096 ? stackalloc float[gathered] : new float[gathered];
            Span<int> at = gathered <= 4096 ? stackalloc int[gathered] : new int[gathered];
            candidates.CopyTo(at);
            at[candidates.Length..].Clear();
            for (var k = 0; k < candidates.Length; k++)
            {
                var c = candidates[k];
                slotOf[c] = (short)k;
                if (filter)
                {
                    bitmap[c >> 3] |= (byte)(1 << (c & 7));
                }
                scores[k] = LogPrior[c] - mass * LogNormaliser[c];
            }
            var lowBits = Vector512.Create<byte>(bitmap[..64]);
            var highBits = Vector512.Create<byte>(bitmap[64..]);
            var dimension = Starts.Features;
            ref var score = ref MemoryMarshal.GetReference(scores);
            ref var category = ref MemoryMarshal.GetReference(at);
            fixed (byte* blocks = Base.Pairs)
            fixed (float* denseLogs = Base.DenseLogs)
            {
                for (var i = 0; i < ids.Length; i++)
                {
                    var feature = ids[i];
                    if ((uint)feature >= (uint)dimension)
                    {
                        continue;
                    }
                    var x = values[i];
                    if (OverlayCount > 0 && Overlay[feature] is { } changed)
                    {
                        AddCandidates(changed, x, candidates, slotOf, scores);
                        continue;
                    }
                    if (rows[i] >= 0 && Avx2.IsSupported)
                    {
                        var start = denseLogs + rows[i];
                        for (var k = 0; k < gathered; k += Vector256<int>.Count)
                        {
                            var gather = Avx2.GatherVector256(start, Vector256.LoadUnsafe(ref category, (nuint)k), sizeof(float));
                            (Vector256.LoadUnsafe(ref score, (nuint)k) + gather * x).StoreUnsafe(ref score, (nuint)k);
                        }
                        continue;
                    }
                    if (rows[i] >= 0)
                    {
                        var row = Base.DenseLogs.AsSpan(rows[i], count);
                        for (var k = 0; k < candidates.Length; k++)
                        {
                            scores[k] += x * row[candidates[k]];
                        }
                        continue;
                    }
                    var from = ranges[2 * i];
                    var to = ranges[2 * i + 1];
                    if (filter)
                    {
                        AddAtCandidates(blocks + from * BayesBase.PairBytes, to - from, x, lowBits, highBits, slotOf, scores);
                        continue;
                    }
                    // The logs are read only at the candidates' categories: most of a long block's logs are never touched.
                    var categories = Base.CategoriesOf(from, to);
                    var logs = Base.LogsOf(from, to);
                    for (var j = 0; j < categories.Length; j++)
                    {
                        var slot = slotOf[categories[j]];
                        if (slot >= 0)
                        {
                            scores[slot] += x * logs[j];
                        }
                    }
                }
            }
            SoftMaxAt(candidates, scores[..candidates.Length], probabilities);
        }

        /// <summary>The softmax among the candidates' scores (<paramref name="scores"/>[k] is candidates[k]'s) into <paramref name="probabilities"/>, 0 at every other category.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void SoftMaxAt(ReadOnlySpan<int> candidates, Span<float> scores, Span<float> probabilities)
        {
            Probability.SoftMax(scores);
            probabilities.Clear();
            for (var k = 0; k < candidates.Length; k++)
            {
                probabilities[candidates[k]] = scores[k];
            }
        }

        /// <summary>Axes of at most this many categories find a block's candidates through a bitmap of them (see <see cref="AddAtCandidates"/>).</summary>
        private const int BitmapCategories = 1024;

        /// <summary>
        /// Adds a block's terms at the candidates, found 32 categories at a time: one byte permute looks their bytes up
        /// in the 128-byte bitmap of the candidates (<paramref name="lowBits"/>, <paramref name="highBits"/>), a shift
        /// moves each category's bit to the top of its lane, and only the pairs at a candidate are added. A title's
        /// ~1,100 pairs of blocks on Occupation cost ~60 vector steps instead of a load and a branch each that
        /// mispredicts at the candidates. The last step reads past the block (the pairs array is padded for it) and
        /// masks the lanes beyond it off.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void AddAtCandidates(byte* block, int length, float x, Vector512<byte> lowBits, Vector512<byte> highBits, ReadOnlySpan<short> slotOf, Span<float> scores)
        {
            var categories = (ushort*)block;
            var logs = (float*)(block + length * sizeof(ushort));
            for (var j = 0; j < length; j += Vector512<ushort>.Count)
            {
                var of = Vector512.Load(categories + j);
                var bytes = Avx512Vbmi.PermuteVar64x8x2(lowBits, Vector512.ShiftRightLogical(of, 3).AsByte(), highBits).AsUInt16();
                var bits = Avx512BW.ShiftLeftLogicalVariable(bytes, Vector512.Create((ushort)15) - (of & Vector512.Create((ushort)7)));
                var hits = Bmi2.ZeroHighBits((uint)bits.ExtractMostSignificantBits(), (uint)Math.Min(length - j, Vector512<ushort>.Count));
                while (hits != 0)
                {
                    var k = j + BitOperations.TrailingZeroCount(hits);
                    scores[slotOf[categories[k]]] += x * logs[k];
                    hits &= hits - 1;
                }
            }
        }

        /// <summary>A small axis's probabilities (over <paramref name="candidates"/> only, unless empty) from its rows.</summary>
        [SkipLocalsInit]
        private void PredictFromRows(TitleInput input, ReadOnlySpan<int> candidates, Span<float> probabilities)
        {
            Span<float> sums = stackalloc float[Base.RowWidth];
            Score(input, sums);
            if (candidates.IsEmpty)
            {
                sums[..probabilities.Length].CopyTo(probabilities);
                Probability.SoftMax(probabilities);
                return;
            }
            Span<float> chosen = stackalloc float[candidates.Length];
            for (var k = 0; k < candidates.Length; k++)
            {
                chosen[k] = sums[candidates[k]];
            }
            SoftMaxAt(candidates, chosen, probabilities);
        }

        /// <summary>
        /// Every category's score into <paramref name="sums"/>: one per category, or on a base with rows
        /// (<see cref="BayesBase.Rows"/>) a row wide, its padding left zero. Rows are added as one or two vectors
        /// (<see cref="BayesBase.FullRowCategories"/>) with the same terms in the same order as the postings would add
        /// them (a row's zeros add nothing), so the same floats.
        /// </summary>
        [SkipLocalsInit]
        private unsafe void Score(TitleInput input, Span<float> sums)
        {
            var values = input.Features.Values;
            var ids = input.Features.Ids;
            var count = LogPrior.Length;
            Span<int> rows = ids.Length <= 1024 ? stackalloc int[ids.Length] : new int[ids.Length];
            Span<int> ranges = ids.Length <= 512 ? stackalloc int[2 * ids.Length] : new int[2 * ids.Length];
            Locate(ids, [], rows, ranges);
            // Dense part: prior minus the category length normaliser, scaled by the title's feature mass.
            TensorPrimitives.MultiplyAdd(LogNormaliser, -TensorPrimitives.Sum(values), LogPrior, sums[..count]);
            if (Base.Rows is null || !Vector512.IsHardwareAccelerated)
            {
                AddFeatures(input, Base.Rows ?? Base.DenseLogs, rows, ranges, sums[..count]);
                return;
            }
            // The vectors add to the padding too: zero, it holds no stray NaN or denormal to slow them.
            sums[count..].Clear();
            var dimension = Starts.Features;
            if (OverlayCount > 0)
            {
                for (var i = 0; i < ids.Length; i++)
                {
                    if ((uint)ids[i] < (uint)dimension && Overlay[ids[i]] is not null)
                    {
                        rows[i] = Changed;
                    }
                }
            }
            for (var i = AddRows(values, rows, ranges, 0, sums); i < ids.Length; i = AddRows(values, rows, ranges, i + 1, sums))
            {
                Add(Overlay[ids[i]]!, values[i], sums[..count]);
            }
        }

        /// <summary>In a title's rows (see <see cref="Locate"/>): the feature's counts changed, the overlay holds them.</summary>
        private const int Changed = -2;

        /// <summary>
        /// Adds the rows and blocks of features <paramref name="from"/>, ... to <paramref name="sums"/> until a changed one
        /// (<see cref="Changed"/>); returns its index, or the number of features. The sums stay in registers: with no call
        /// in the loop the compiler does not keep them in memory, where each feature's add would wait on the previous
        /// one's store and reload, and a block's pair is added as a vector that is zero but at its category.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private unsafe int AddRows(ReadOnlySpan<float> values, ReadOnlySpan<int> rows, ReadOnlySpan<int> ranges, int from, Span<float> sums)
        {
            var wide = Base.RowWidth > Vector512<float>.Count;
            ref var sum = ref MemoryMarshal.GetReference(sums);
            var low = Vector512.LoadUnsafe(ref sum);
            var high = wide ? Vector512.LoadUnsafe(ref sum, (nuint)Vector512<float>.Count) : default;
            var lanes = Vector512<int>.Indices;
            var upperLanes = lanes + Vector512.Create(Vector512<float>.Count);
            var i = from;
            fixed (float* start = Base.Rows)
            {
                for (; i < rows.Length && rows[i] != Changed; i++)
                {
                    var x = values[i];
                    if (rows[i] >= 0)
                    {
                        var row = start + rows[i];
                        low += Vector512.Load(row) * x;
                        if (wide)
                        {
                            high += Vector512.Load(row + Vector512<float>.Count) * x;
                        }
                        continue;
                    }
                    var categories = Base.CategoriesOf(ranges[2 * i], ranges[2 * i + 1]);
                    var logs = Base.LogsOf(ranges[2 * i], ranges[2 * i + 1]);
                    for (var j = 0; j < categories.Length; j++)
                    {
                        var term = Vector512.Create(x * logs[j]);
                        var category = Vector512.Create((int)categories[j]);
                        low += term & Vector512.Equals(lanes, category).AsSingle();
                        if (wide)
                        {
                            high += term & Vector512.Equals(upperLanes, category).AsSingle();
                        }
                    }
                }
            }
            low.StoreUnsafe(ref sum);
            if (wide)
            {
                high.StoreUnsafe(ref sum, (nuint)Vector512<float>.Count);
            }
            return i;
        }

        /// <summary>
        /// Finds each feature's row (its offset into <paramref name="rows"/>: in <see cref="BayesBase.Rows"/> on a small
        /// axis, in <see cref="BayesBase.DenseLogs"/> otherwise; -1 for a feature without one) or block (its pairs into
        /// <paramref name="ranges"/>) and asks for the cache lines the title's features will read before reading any:
        /// each feature's start entry, then its block or its row (at <paramref name="candidates"/> when only they are
        /// scored) are scattered reads that miss the cache in a whole prediction, where the other learners have evicted
        /// them; issued together the misses overlap instead of being paid one after another.
        /// </summary>
        private unsafe void Locate(ReadOnlySpan<int> ids, ReadOnlySpan<int> candidates, Span<int> rows, Span<int> ranges)
        {
            var start = Starts;
            var pairs = Base.Counts.Length;
            var dimension = start.Features;
            var packed = Base.PackedEntries is not null;
            var prefetch = Sse.IsSupported && pairs > 0;
            if (prefetch)
            {
                fixed (int* starts = start.Table)
                {
                    foreach (var feature in ids)
                    {
                        if ((uint)feature < (uint)dimension)
                        {
                            var entry = starts + feature * start.Stride + start.Column;
                            Sse.Prefetch0(entry);
                            if (!packed)
                            {
                                Sse.Prefetch0(entry + start.Stride);
                            }
                        }
                    }
                }
            }
            var count = LogPrior.Length;
            fixed (byte* blocks = Base.Pairs)
            fixed (float* rowLogs = Base.Rows ?? Base.DenseLogs)
            {
                for (var i = 0; i < ids.Length; i++)
                {
                    rows[i] = -1;
                    ranges[2 * i] = ranges[2 * i + 1] = 0;
                    var feature = ids[i];
                    if ((uint)feature >= (uint)dimension || pairs == 0)
                    {
                        continue;
                    }
                    int row;
                    int from;
                    int to;
                    if (packed)
                    {
                        (row, from, to) = Base.Unpack(start[feature]);
                    }
                    else
                    {
                        from = start[feature];
                        to = start[feature + 1];
                        row = to > from && BayesBase.IsDense(to - from, count) ? Base.DenseOffset(feature) : -1;
                    }
                    rows[i] = row;
                    ranges[2 * i] = from;
                    ranges[2 * i + 1] = to;
                    if (!prefetch)
                    {
                        continue;
                    }
                    if (row < 0)
                    {
                        // Every line of a block, its logs too (most blocks are a line or two).
                        Vectors.PrefetchLines(blocks + from * BayesBase.PairBytes, (to - from) * BayesBase.PairBytes);
                    }
                    else if (candidates.IsEmpty)
                    {
                        // The first lines of a row added whole (the hardware prefetcher follows a stream once it starts).
                        for (var c = 0; c < Math.Min(count, 4 * BayesBase.LineFloats); c += BayesBase.LineFloats)
                        {
                            Sse.Prefetch0(rowLogs + row + c);
                        }
                    }
                    else
                    {
                        foreach (var c in candidates)
                        {
                            Sse.Prefetch0(rowLogs + row + c);
                        }
                    }
                }
            }
        }

        private static void AddCandidates(Postings postings, float x, ReadOnlySpan<int> candidates, ReadOnlySpan<short> slotOf, Span<float> scores)
        {
            if (!postings.Dense.IsEmpty)
            {
                var dense = postings.Dense.Span;
                for (var k = 0; k < candidates.Length; k++)
                {
                    scores[k] += x * dense[candidates[k]];
                }
                foreach (var (category, _, log) in postings.Patch)
                {
                    if (slotOf[category] >= 0)
                    {
                        scores[slotOf[category]] += x * (log - dense[category]);
                    }
                }
                return;
            }
            var categories = postings.Categories;
            var logs = postings.Logs;
            for (var j = 0; j < postings.Length; j++)
            {
                var slot = slotOf[categories[j]];
                if (slot >= 0)
                {
                    scores[slot] += x * logs[j];
                }
            }
        }

        private static void Add(Postings postings, float x, Span<float> probabilities)
        {
            if (!postings.Dense.IsEmpty)
            {
                var dense = postings.Dense.Span;
                TensorPrimitives.MultiplyAdd(dense, x, probabilities, probabilities);
                foreach (var (category, _, log) in postings.Patch)
                {
                    probabilities[category] += x * (log - dense[category]);
                }
                return;
            }
            var categories = postings.Categories;
            var logs = postings.Logs;
            for (var j = 0; j < postings.Length; j++)
            {
                probabilities[categories[j]] += x * logs[j];
            }
        }

        /// <summary>Per-feature share of score(winner) - score(other).</summary>
        public void ExplainFeatures(TitleInput input, int winner, int other, Span<float> contributions)
        {
            var ids = input.Features.Ids;
            var values = input.Features.Values;
            for (var i = 0; i < ids.Length; i++)
            {
                contributions[i] = 0;
                var feature = ids[i];
                if ((uint)feature >= (uint)(Base.Start.Length - 1))
                {
                    continue;
                }
                var postings = (OverlayCount > 0 ? Overlay[feature] : null) ?? Base.Postings(feature);
                if (postings.Length == 0 && postings.Patch.Length == 0)
                {
                    continue;
                }
                contributions[i] = values[i] * (LogNormaliser[other] - LogNormaliser[winner] + postings.LogOf(winner) - postings.LogOf(other));
            }
        }

        public void Write(BinaryWriter writer)
        {
            writer.Write(ObservedFeatures);
            for (var c = 0; c < CategoryCounts.RowCount; c++)
            {
                writer.Write(CategoryCounts.Row(c)[0]);
            }
            for (var c = 0; c < CategoryCounts.RowCount; c++)
            {
                writer.Write(CategoryCounts.Row(c)[1]);
            }
            var flat = OverlayCount == 0 ? Base : BayesBase.Merge(Base, Overlay, Base.Start.Length - 1, LogPrior.Length, Base.InverseAlpha);
            flat.Write(writer);
        }
    }
}

/// <summary>One axis's column of a start table: its base's <see cref="BayesBase.Entries"/> (packed, or feature f's pairs are [this[f], this[f + 1])).</summary>
internal readonly record struct StartColumn(int[] Table, int Stride, int Column)
{
    public int Features => Table.Length / Stride - 1;

    public int this[int feature]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Table[feature * Stride + Column];
    }
}

/// <summary>
/// The flat, immutable counts of one axis: per feature (CSR by feature id) its categories ascending with
/// their counts and log(1 + count / alpha); features seen with a large share of the categories also keep
/// their logs as a dense row, because one SIMD pass over all categories beats hundreds of scattered adds.
/// </summary>
internal sealed class BayesBase
{
    /// <summary>
    /// Bytes per pair in <see cref="Pairs"/>: a feature's pairs [from, to) are one block at from * 6, its 16-bit
    /// categories and then their 32-bit logs. A prediction reads a feature's categories and logs together: a short
    /// posting list is one cache line instead of one in an array of categories and one in an array of logs, and a
    /// long one on a large axis is read category by category, its logs only at the categories scored.
    /// </summary>
    public const int PairBytes = sizeof(ushort) + sizeof(float);

    /// <summary>Bytes after the last pair, so that a vector load of the last block's categories stays inside the array.</summary>
    private const int ReadPast = 64;

    /// <summary>Categories are 16-bit in memory and in the file.</summary>
    public const int MaxCategories = ushort.MaxValue + 1;

    /// <summary>
    /// Open addressing from a dense feature to its row, (feature + 1, row) per slot: a prediction looks up ~30
    /// dense features per title, and a binary search over thousands of them cost a dozen scattered reads each.
    /// </summary>
    private readonly int[] _denseTable;
    private readonly int _denseMask;

    private BayesBase(int[] start, ReadOnlySpan<ushort> categories, float[] counts, int categoryCount, float inverseAlpha)
    {
        Start = start;
        Counts = counts;
        InverseAlpha = inverseAlpha;
        CategoryCount = categoryCount;
        Pairs = new byte[counts.Length * PairBytes + ReadPast];
        var dense = new List<int>();
        for (var f = 0; f + 1 < start.Length; f++)
        {
            var from = start[f];
            var to = start[f + 1];
            if (to == from)
            {
                continue;
            }
            PresentFeatures++;
            if (IsDense(to - from, categoryCount))
            {
                dense.Add(f);
            }
            categories[from..to].CopyTo(WritableCategories(from, to));
            var logs = WritableLogs(from, to);
            for (var j = from; j < to; j++)
            {
                logs[j - from] = MathF.Log(1f + counts[j] * inverseAlpha);
            }
        }
        DenseFeatures = [.. dense];
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, DenseFeatures.Length * 2));
        _denseMask = slots - 1;
        _denseTable = new int[slots * 2];
        for (var d = 0; d < DenseFeatures.Length; d++)
        {
            var slot = DenseSlot(DenseFeatures[d]);
            while (_denseTable[2 * slot] != 0)
            {
                slot = (slot + 1) & _denseMask;
            }
            _denseTable[2 * slot] = DenseFeatures[d] + 1;
            _denseTable[2 * slot + 1] = d;
        }
        DenseLogs = new float[DenseFeatures.Length * categoryCount];
        for (var d = 0; d < DenseFeatures.Length; d++)
        {
            var f = DenseFeatures[d];
            FillRow(start[f], start[f + 1], DenseLogs.AsSpan(d * categoryCount, categoryCount));
        }
        if (PresentFeatures > 0)
        {
            PackEntries();
        }
    }

    /// <summary>
    /// A small axis (Function, Level) keeps a row of logs, padded to whole cache lines, for every feature seen with
    /// at least an eighth of its categories (the dense rule without its floor of 16: 4 of Function's 26, 2 of Level's
    /// 11), and a prediction finds a feature's row or block in one entry of the start table (<see cref="Entries"/>):
    /// one or two aligned lines a feature instead of a start pair, a probe of the dense table and a block or row
    /// straddling lines, added with one or two vector operations. The rows of every feature would be ~47 MB, more
    /// than the L3 cache, and evict the Occupation axis's tables; those of the features seen this often, ~7 MB,
    /// hold all but ~10 (Function) and ~6 (Level) of a title's pairs.
    /// </summary>
    public const int FullRowCategories = 32;

    public const int LineFloats = 64 / sizeof(float);

    /// <summary>
    /// Per feature (0 when absent) either where its row starts as (offset &lt;&lt; 1) | 1 (in <see cref="Rows"/> on a small
    /// axis, in <see cref="DenseLogs"/> otherwise), or its block as (first pair &lt;&lt; <see cref="BlockShift"/>) | (length &lt;&lt; 1):
    /// a prediction finds a feature's row or block in one entry, without the next feature's start or a probe of the
    /// dense table. Null when the pairs are too many to pack (then <see cref="Start"/> and the probe serve).
    /// </summary>
    public int[]? PackedEntries { get; private set; }

    /// <summary>A packed entry (see <see cref="PackedEntries"/>) as its row's offset (-1 for a block) and its block's pairs [from, to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (int Row, int From, int To) Unpack(int entry)
    {
        if ((entry & 1) != 0)
        {
            return (entry >> 1, 0, 0);
        }
        var from = entry >> BlockShift;
        return (-1, from, from + ((entry >> 1) & ((1 << (BlockShift - 1)) - 1)));
    }

    /// <summary>Where a packed block's first pair starts: above a tag bit and the bits of the longest block.</summary>
    public int BlockShift { get; private set; }

    /// <summary>A small axis's rows, each <see cref="RowWidth"/> floats at a 64-byte aligned offset, its logs by category then zeros; else null.</summary>
    public float[]? Rows { get; private set; }

    public int RowWidth { get; private set; }

    /// <summary>What a start table holds for this axis: <see cref="PackedEntries"/>, else (too many pairs to pack) each feature's first pair.</summary>
    public int[] Entries => PackedEntries ?? Start;

    /// <summary>Seen with enough categories for a row on an axis with rows (see <see cref="FullRowCategories"/>).</summary>
    public static bool HasRow(int length, int categoryCount) => length * 8 >= categoryCount;

    private unsafe void PackEntries()
    {
        var small = CategoryCount <= FullRowCategories;
        var longest = 0;
        var rowCount = 0;
        for (var f = 0; f + 1 < Start.Length; f++)
        {
            var length = Start[f + 1] - Start[f];
            if (length > 0 && (small ? HasRow(length, CategoryCount) : IsDense(length, CategoryCount)))
            {
                rowCount++;
            }
            else
            {
                longest = Math.Max(longest, length);
            }
        }
        var shift = 1 + (32 - BitOperations.LeadingZeroCount((uint)longest));
        var width = (CategoryCount + LineFloats - 1) / LineFloats * LineFloats;
        var floats = small ? (long)rowCount * width + LineFloats : DenseLogs.Length;
        if (((long)Counts.Length << shift) > int.MaxValue || floats << 1 > int.MaxValue)
        {
            return;
        }
        float[] rows = DenseLogs;
        var offset = 0;
        if (small)
        {
            // Pinned so that the alignment found here holds: every row starts on a cache line.
            rows = GC.AllocateArray<float>((int)floats, pinned: true);
            offset = (LineFloats - (int)((nint)Unsafe.AsPointer(ref rows[0]) & 63) / sizeof(float)) % LineFloats;
        }
        var entries = new int[Start.Length];
        for (var f = 0; f + 1 < Start.Length; f++)
        {
            var from = Start[f];
            var length = Start[f + 1] - from;
            if (length == 0)
            {
                continue;
            }
            if (!(small ? HasRow(length, CategoryCount) : IsDense(length, CategoryCount)))
            {
                entries[f] = (from << shift) | (length << 1);
                continue;
            }
            // Dense rows are in ascending feature order, as this loop meets them.
            entries[f] = (offset << 1) | 1;
            if (small)
            {
                FillRow(from, from + length, rows.AsSpan(offset, CategoryCount));
            }
            offset += small ? width : CategoryCount;
        }
        BlockShift = shift;
        PackedEntries = entries;
        if (small)
        {
            RowWidth = width;
            Rows = rows;
        }
    }

    /// <summary>Feature f's pairs are [Start[f], Start[f + 1]): its block of <see cref="Pairs"/>, its <see cref="Counts"/>.</summary>
    public int[] Start { get; }

    /// <summary>Per feature, its categories then their logs (see <see cref="PairBytes"/>).</summary>
    public byte[] Pairs { get; }

    public float[] Counts { get; }

    public float InverseAlpha { get; }

    public int CategoryCount { get; }

    /// <summary>Features with at least one count.</summary>
    public int PresentFeatures { get; }

    /// <summary>Features with a dense row, ascending; row d of <see cref="DenseLogs"/> belongs to DenseFeatures[d].</summary>
    public int[] DenseFeatures { get; }

    public float[] DenseLogs { get; }

    /// <summary>Seen with at least an eighth of the categories (and 16): then a dense row beats scattered adds.</summary>
    public static bool IsDense(int length, int categoryCount) => HasRow(length, categoryCount) && length >= 16;

    public static BayesBase Empty(int featureDimension, int categoryCount) => new(new int[featureDimension + 1], [], [], categoryCount, 1f);

    /// <summary>The categories of the feature whose pairs are [from, to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<ushort> CategoriesOf(int from, int to) => WritableCategories(from, to);

    /// <summary>The logs of the feature whose pairs are [from, to), in the order of its categories.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<float> LogsOf(int from, int to) => WritableLogs(from, to);

    /// <summary>The logs of the feature whose pairs are [from, to) into its row, each at its category (the others left zero).</summary>
    private void FillRow(int from, int to, Span<float> row)
    {
        var logs = LogsOf(from, to);
        var of = CategoriesOf(from, to);
        for (var j = 0; j < of.Length; j++)
        {
            row[of[j]] = logs[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<ushort> WritableCategories(int from, int to) =>
        MemoryMarshal.Cast<byte, ushort>(Pairs.AsSpan(from * PairBytes, (to - from) * sizeof(ushort)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<float> WritableLogs(int from, int to) =>
        MemoryMarshal.Cast<byte, float>(Pairs.AsSpan(from * PairBytes + (to - from) * sizeof(ushort), (to - from) * sizeof(float)));

    public ReadOnlyMemory<float> DenseRow(int feature) =>
        DenseOffset(feature) is var offset && offset >= 0 ? DenseLogs.AsMemory(offset, CategoryCount) : ReadOnlyMemory<float>.Empty;

    /// <summary>Where the feature's dense row starts in <see cref="DenseLogs"/>, or -1 without one.</summary>
    public int DenseOffset(int feature)
    {
        for (var slot = DenseSlot(feature); _denseTable[2 * slot] is var key && key != 0; slot = (slot + 1) & _denseMask)
        {
            if (key == feature + 1)
            {
                return _denseTable[2 * slot + 1] * CategoryCount;
            }
        }
        return -1;
    }

    private int DenseSlot(int feature) => (int)(((uint)feature * 2654435769u) >> 8) & _denseMask;

    /// <summary>A feature's counts as a changeable copy (its dense row shared), for the overlay.</summary>
    /// <param name="spare">Room for this many more categories, so that adding one copies nothing more.</param>
    public Postings Postings(int feature, int spare = 0)
    {
        var from = Start[feature];
        var to = Start[feature + 1];
        if (from == to)
        {
            return Learning.Postings.Empty;
        }
        var length = to - from;
        var categories = new int[length + spare];
        var counts = new float[length + spare];
        var logs = new float[length + spare];
        var of = CategoriesOf(from, to);
        for (var j = 0; j < length; j++)
        {
            categories[j] = of[j];
        }
        Array.Copy(Counts, from, counts, 0, length);
        LogsOf(from, to).CopyTo(logs);
        return Learning.Postings.FromBase(categories, counts, logs, length, DenseRow(feature));
    }

    /// <param name="features">Ascending; pairs of one feature are contiguous with ascending categories.</param>
    public static BayesBase Build(int[] features, int[] categories, float[] counts, int featureDimension, int categoryCount, float inverseAlpha)
    {
        var start = new int[featureDimension + 1];
        foreach (var feature in features)
        {
            start[feature + 1]++;
        }
        for (var f = 0; f < featureDimension; f++)
        {
            start[f + 1] += start[f];
        }
        var narrow = new ushort[categories.Length];
        for (var j = 0; j < narrow.Length; j++)
        {
            narrow[j] = (uint)categories[j] < (uint)categoryCount
                ? (ushort)categories[j]
                : throw new ArgumentOutOfRangeException(nameof(categories), $"Category {categories[j]} is not one of the axis's {categoryCount}.");
        }
        return new BayesBase(start, narrow, counts, categoryCount, inverseAlpha);
    }

    /// <summary>The base with every changed feature of the overlay replacing its counts.</summary>
    public static BayesBase Merge(BayesBase @base, VersionedOverlay<Postings> overlay, int featureDimension, int categoryCount, float inverseAlpha)
    {
        var features = new List<int>(@base.Counts.Length);
        var categories = new List<int>(@base.Counts.Length);
        var counts = new List<float>(@base.Counts.Length);
        var changes = overlay.Entries().ToArray();
        Array.Sort(changes, static (x, y) => x.Key.CompareTo(y.Key));
        var next = 0;
        for (var f = 0; f < featureDimension; f++)
        {
            if (next < changes.Length && changes[next].Key == f)
            {
                var changed = changes[next++].Value;
                var folded = changed.Folded(categoryCount);
                var order = folded.Categories[..folded.Length];
                var values = folded.Counts[..folded.Length];
                Array.Sort(order, values);
                for (var j = 0; j < order.Length; j++)
                {
                    features.Add(f);
                    categories.Add(order[j]);
                    counts.Add(values[j]);
                }
                continue;
            }
            var of = @base.CategoriesOf(@base.Start[f], @base.Start[f + 1]);
            for (var j = 0; j < of.Length; j++)
            {
                features.Add(f);
                categories.Add(of[j]);
                counts.Add(@base.Counts[@base.Start[f] + j]);
            }
        }
        return Build([.. features], [.. categories], [.. counts], featureDimension, categoryCount, inverseAlpha);
    }

    /// <summary>The present features with their pair counts, then all pairs: a few bulk arrays (categories 16-bit).</summary>
    public void Write(BinaryWriter writer)
    {
        var present = new int[PresentFeatures];
        var lengths = new int[PresentFeatures];
        var categories = new ushort[Counts.Length];
        var at = 0;
        for (var f = 0; f + 1 < Start.Length; f++)
        {
            if (Start[f + 1] > Start[f])
            {
                present[at] = f;
                lengths[at++] = Start[f + 1] - Start[f];
                CategoriesOf(Start[f], Start[f + 1]).CopyTo(categories.AsSpan(Start[f]));
            }
        }
        BinaryArrays.WriteInts(writer, present);
        BinaryArrays.WriteInts(writer, lengths);
        BinaryArrays.WriteUShorts(writer, categories);
        BinaryArrays.WriteFloats(writer, Counts);
    }

    public static BayesBase Read(BinaryReader reader, int featureDimension, int categoryCount, float inverseAlpha)
    {
        var present = BinaryArrays.ReadInts(reader, featureDimension);
        var lengths = BinaryArrays.ReadInts(reader, int.MaxValue);
        var categories = BinaryArrays.ReadUShorts(reader);
        foreach (var category in categories)
        {
            if (category >= categoryCount)
            {
                throw new InvalidDataException($"Naive Bayes names category {category} of {categoryCount}.");
            }
        }
        var counts = BinaryArrays.ReadFloats(reader);
        if (lengths.Length != present.Length || counts.Length != categories.Length)
        {
            throw new InvalidDataException($"Naive Bayes counts disagree: {present.Length} features but {lengths.Length} lengths, {categories.Length} categories but {counts.Length} counts.");
        }
        var start = new int[featureDimension + 1];
        var total = 0L;
        for (var p = 0; p < present.Length; p++)
        {
            if (p > 0 && present[p] <= present[p - 1])
            {
                throw new InvalidDataException("Naive Bayes features are not ascending.");
            }
            start[present[p] + 1] = lengths[p];
            total += lengths[p];
        }
        if (total != categories.Length)
        {
            throw new InvalidDataException($"Naive Bayes lengths add up to {total}, but {categories.Length} pairs follow.");
        }
        for (var f = 0; f < featureDimension; f++)
        {
            start[f + 1] += start[f];
        }
        return new BayesBase(start, categories, counts, categoryCount, inverseAlpha);
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

    /// <summary>Logs by category index, for features seen with many categories; empty otherwise.</summary>
    public ReadOnlyMemory<float> Dense { get; private init; }

    /// <summary>A feature of the flat base, copied so that it can change: its dense row stays shared with the base.</summary>
    public static Postings FromBase(int[] categories, float[] counts, float[] logs, int length, ReadOnlyMemory<float> dense) =>
        new(categories, counts, logs, length) { Dense = dense };

    /// <summary>Categories whose count changed since the dense row was built, with their current count and log.</summary>
    public (int Category, float Count, float Log)[] Patch { get; private init; } = [];

    public Postings Densified(int categoryCount)
    {
        if (!Dense.IsEmpty || !BayesBase.IsDense(Length, categoryCount))
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
        if (!Dense.IsEmpty)
        {
            return Dense.Span[category];
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
        if (!Dense.IsEmpty && !inPlace)
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
        return patch.Length > PatchCapacity ? patched.Folded(Dense.Length) : patched;
    }
}
