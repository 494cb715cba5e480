using System.Collections.Immutable;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JobTitleStudio.Core.Features;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// A known title in the index: its unit-length features, its labels on every axis (empty when unknown), and
/// the length of its idf-weighted vector. That length is computed with the document frequencies of when the
/// title was indexed (exact for a bulk build): recomputing it per query would cost a cache miss per feature
/// of every candidate, and a slightly stale length only nudges similarities.
/// </summary>
public sealed record IndexedTitle(string Normalized, int[] Ids, float[] Values, int[][] Labels, float WeightedNorm = 0f);

public readonly record struct Neighbour(int Document, float Similarity);

/// <summary>
/// Nearest neighbours over known titles by idf-weighted cosine, shared by all axes of a model (one lookup
/// serves every axis). An inverted index gathers candidates from the rarer features; candidates are then
/// rescored exactly.
/// The titles of a training run (or a model file) live in one flat, immutable <see cref="IndexBase"/>: a
/// handful of big arrays, so a query's feature lookups are one cache miss each instead of a chain of
/// objects. Titles learned since then sit in a small overlay (the titles copy-on-write, their postings versioned in place),
/// and corrections of known titles' labels in a persistent map; both fold into a new base once they grow,
/// so their cost per query stays small.
/// </summary>
public sealed class NearestTitleIndex
{
    private const int DocumentRowsLog2 = 6;
    private const int ChunksPerPageLog2 = 6;

    /// <summary>
    /// Slots of the query table kept on the stack: enough for a query of 256 features (whose other buffers are on the
    /// stack too) whose table had to double once; a few dozen features take a few hundred slots.
    /// </summary>
    private const int StackTable = 2560;

    /// <summary>Titles added or relabelled since the base was built before the overlay is folded into a new base.</summary>
    private const int FoldThreshold = 4096;

    /// <summary>
    /// Partial scores by title, all zero between searches (a search resets the titles it touched): 4 bytes per title
    /// where a score stamped with its query took 8, so more of the scattered updates hit the cache.
    /// </summary>
    [ThreadStatic]
    private static float[]? t_scores;

    [ThreadStatic]
    private static int[]? t_touched;

    /// <summary>The least a touched title scores, so that zero always means untouched (a posting's value may round to 0).</summary>
    private const float Touched = 1e-30f;

    private readonly int _featureDimension;
    private readonly ChunkedRowsWriter<IndexedTitle?> _added;
    /// <summary>Room for the distinct features of the titles added before a fold (a few dozen per title, many shared).</summary>
    private readonly VersionedOverlayWriter<DocumentPostings> _addedPostings = new(FoldThreshold * 8);
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
    private IndexBase _base;
    private ImmutableDictionary<int, int[][]> _relabelled = ImmutableDictionary<int, int[][]>.Empty;
    private Snapshot _snapshot;

    public NearestTitleIndex(int axisCount, int featureDimension, NeighbourOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (axisCount < 1 || featureDimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(axisCount), "The index needs at least one axis and a positive feature dimension.");
        }
        AxisCount = axisCount;
        Options = options;
        _featureDimension = featureDimension;
        _base = IndexBase.Build([], axisCount, featureDimension);
        _added = new ChunkedRowsWriter<IndexedTitle?>(0, 1, DocumentRowsLog2, ChunksPerPageLog2);
        _snapshot = Publish();
    }

    public int AxisCount { get; }

    public NeighbourOptions Options { get; }

    public int Count => Volatile.Read(ref _snapshot).Count;

    /// <summary>
    /// Adds the title (or updates its labels on <paramref name="axis"/>). A correction replaces the
    /// title's labels on that axis; an imported row adds to them.
    /// </summary>
    public void Learn(int axis, LearningExample example)
    {
        Add(axis, example);
        if (_added.RowCount + _relabelled.Count >= FoldThreshold)
        {
            Fold();
        }
        Volatile.Write(ref _snapshot, Publish());
    }

    /// <summary>Rebuilds the index from scratch.</summary>
    public void Learn(IReadOnlyList<(int Axis, LearningExample Example)> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var documents = new List<IndexedTitle>();
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (axis, example) in examples)
        {
            CheckAxis(axis);
            if (keys.TryGetValue(example.Input.Normalized, out var id))
            {
                var existing = documents[id];
                existing.Labels[axis] = example.IsCorrection ? [.. example.Labels] : [.. existing.Labels[axis].Union(example.Labels)];
                continue;
            }
            if (NewDocument(axis, example) is { } document)
            {
                keys.Add(document.Normalized, documents.Count);
                documents.Add(document);
            }
        }
        Reset(IndexBase.Build(documents, AxisCount, _featureDimension, computeNorms: true));
        Volatile.Write(ref _snapshot, Publish());
    }

    public IndexedTitle Document(int id) => Current.Document(id);

    /// <summary>The <paramref name="k"/> most similar known titles, most similar first.</summary>
    public Neighbour[] Predict(FeatureVector features, int k) => Current.Predict(features, k);

    /// <summary>The published index; the model captures it with the learners' so one update is seen whole.</summary>
    internal Snapshot Current => Volatile.Read(ref _snapshot);

    /// <inheritdoc cref="LinearModel.VersionsTrimmedByModel"/>
    internal bool VersionsTrimmedByModel
    {
        set => _addedPostings.TrimmedByOwner = value;
    }

    /// <summary>No prediction reads a snapshot older than <paramref name="oldestRead"/> any more: the postings they alone read can go.</summary>
    internal void ForgetBefore(Snapshot oldestRead) => _addedPostings.ForgetBefore(oldestRead.AddedPostings.Version);

    /// <summary>Reads what <see cref="Snapshot.Write"/> wrote.</summary>
    /// <param name="categoryCounts">Categories per axis, to check the stored labels.</param>
    /// <param name="intern">Returns the one instance of a title string that the rest of the model already holds.</param>
    internal void ReadState(BinaryReader reader, IReadOnlyList<int> categoryCounts, Func<string, string> intern)
    {
        Reset(IndexBase.Read(reader, AxisCount, _featureDimension, categoryCounts, intern));
        Volatile.Write(ref _snapshot, Publish());
    }

    private void Reset(IndexBase built)
    {
        _base = built;
        _added.Clear();
        _addedPostings.Clear();
        _relabelled = _relabelled.Clear();
        _keys.Clear();
        _keys.EnsureCapacity(built.Count);
        for (var d = 0; d < built.Count; d++)
        {
            _keys[built.Normalized[d]] = d;
        }
    }

    /// <summary>Moves the overlay into a new base (keeping every title's stored length), so queries stay on flat arrays.</summary>
    private void Fold() => Reset(IndexBase.Build([.. Unpublished().AllDocuments()], AxisCount, _featureDimension));

    [SkipLocalsInit]
    internal static Neighbour[] Search(Snapshot snapshot, FeatureVector features, int k, NeighbourOptions options)
    {
        var documentCount = snapshot.Count;
        var count = features.Count;
        if (documentCount == 0 || count == 0 || k < 1)
        {
            return [];
        }
        var small = count <= 256;
        Span<float> query = small ? stackalloc float[count] : new float[count];
        if (!UnitLength(features.Values, query))
        {
            return [];
        }
        var ids = features.Ids;
        // A feature's list length and its index in one key: the lists sort by length with the primitive sort.
        Span<long> order = small ? stackalloc long[count] : new long[count];
        Span<float> weighted = small ? stackalloc float[count] : new float[count];
        var postingStart = snapshot.Base.PostingStart;
        var overlay = snapshot.AddedCount > 0;
        PrefetchLengths(postingStart, ids);
        for (var i = 0; i < count; i++)
        {
            var feature = ids[i];
            var length = 0;
            if ((uint)feature < (uint)snapshot.FeatureDimension)
            {
                length = postingStart[feature + 1] - postingStart[feature];
                if (overlay && snapshot.AddedPostings[feature] is { } added)
                {
                    length += added.Length;
                }
            }
            order[i] = ((long)length << 32) | (uint)i;
            var idf = Idf(length, documentCount);
            query[i] *= idf;
            weighted[i] = query[i] * idf;
        }
        var queryNorm = TensorPrimitives.Norm(query);
        var walk = order[..ChooseLists(order, options)];
        PrefetchPostings(snapshot.Base, ids, walk, options.MaxPostings);

        // Longer than the titles, so the walk's write past the last listed title stays inside its touched list. The walk
        // writes that list unchecked, so both arrays are checked here and published together: an allocation failing
        // between the two cannot leave a long score array beside a short touched list.
        var scores = t_scores;
        var touched = t_touched;
        if (scores is null || touched is null || scores.Length <= documentCount || touched.Length < scores.Length)
        {
            var length = Math.Max(documentCount, 1024) * 2;
            touched = new int[length];
            scores = new float[length];
            (t_scores, t_touched) = (scores, touched);
        }
        // Chosen and ranked on the stack; only the k returned are allocated.
        var chosen = options.Candidates <= 256 ? stackalloc ulong[options.Candidates] : new ulong[options.Candidates];
        var ranked = options.Candidates <= 256 ? stackalloc Neighbour[options.Candidates] : new Neighbour[options.Candidates];
        int found;
        try
        {
            PrefetchScores(snapshot.Base, ids, walk, options.MaxPostings, scores);
            var reached = Accumulate(snapshot, ids, weighted, walk, options.MaxPostings, scores, touched);
            found = Collect(touched.AsSpan(0, reached), scores, chosen);
        }
        catch
        {
            // The thread's scores are zero between searches; which ones a search that stopped half-way left
            // set is not known, so all go.
            Array.Clear(scores);
            throw;
        }
        // Candidates come from partial scores; their similarity is the full idf-weighted cosine, the same
        // whatever was skipped above.
        var candidates = ranked[..found];
        for (var i = 0; i < found; i++)
        {
            candidates[i] = new Neighbour(DocumentOf(chosen[i]), 0f);
        }
        // A table that must grow usually still fits the stack buffers.
        Span<int> keyBuffer = stackalloc int[StackTable];
        Span<float> valueBuffer = stackalloc float[StackTable];
        var homes = QueryTable.HomesFor(count);
        scoped Span<int> tableKeys;
        scoped Span<float> tableValues;
        while (true)
        {
            var tableSize = QueryTable.SizeFor(count, homes);
            tableKeys = tableSize <= StackTable ? keyBuffer[..tableSize] : new int[tableSize];
            tableValues = tableSize <= StackTable ? valueBuffer[..tableSize] : new float[tableSize];
            if (QueryTable.TryBuild(ids, weighted, homes, tableKeys, tableValues))
            {
                break;
            }
            homes *= 2;
        }
        var table = new QueryTable(tableKeys, tableValues, homes);
        var @base = snapshot.Base;
        PrefetchDocuments(@base, candidates);
        for (var i = 0; i < candidates.Length; i++)
        {
            var id = candidates[i].Document;
            float dot, norm;
            if (id < @base.Count)
            {
                var from = @base.DocStart[id];
                var to = @base.DocStart[id + 1];
                dot = table.Dot(@base.DocFeatures.AsSpan(from, to - from), @base.DocValues.AsSpan(from, to - from));
                norm = @base.WeightedNorm[id];
            }
            else
            {
                var document = snapshot.Added[id - @base.Count]!;
                dot = table.Dot(document.Ids, document.Values);
                norm = document.WeightedNorm;
            }
            var similarity = norm > 0 ? dot / (queryNorm * norm) : 0f;
            candidates[i] = new Neighbour(id, Math.Min(similarity, 1f));
        }
        Rank(candidates);
        PrefetchLabels(@base, candidates[..Math.Min(k, candidates.Length)]);
        return candidates[..Math.Min(k, candidates.Length)].ToArray();
    }

    /// <summary>
    /// Asks for the query's features' list offsets (one scattered read each in a table of every feature) before the
    /// loop that reads them waits on each in turn between its logarithms.
    /// </summary>
    private static unsafe void PrefetchLengths(int[] postingStart, ReadOnlySpan<int> ids)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        fixed (int* starts = postingStart)
        {
            foreach (var feature in ids)
            {
                if ((uint)feature + 1 < (uint)postingStart.Length)
                {
                    Sse.Prefetch0(starts + feature);
                }
            }
        }
    }

    /// <summary>
    /// Asks for every line of the postings a search will read before reading any (each list is a scattered read in
    /// the index's ~30 MB of postings, and a list of a few dozen postings spans several lines): issued together the
    /// cache misses overlap instead of stalling the walk line by line.
    /// </summary>
    private static unsafe void PrefetchPostings(IndexBase @base, ReadOnlySpan<int> ids, ReadOnlySpan<long> walk, int maxPostings)
    {
        if (!Sse.IsSupported || @base.PostingDocs.Length == 0)
        {
            return;
        }
        fixed (int* docs = @base.PostingDocs)
        fixed (ushort* values = @base.PostingValues)
        {
            foreach (var key in walk)
            {
                var (start, fromBase, _) = Part(@base, ids[(int)key], (int)(key >> 32), maxPostings);
                for (var j = start; j < start + fromBase; j += 16)
                {
                    Sse.Prefetch0(docs + j);
                }
                for (var j = start; j < start + fromBase; j += 32)
                {
                    Sse.Prefetch0(values + j);
                }
            }
        }
    }

    /// <summary>
    /// Asks for the candidates' stored features, lengths and label offsets before rescoring any: each candidate is a
    /// scattered read in the index's 48 MB of features; issued together the cache misses overlap instead of being paid
    /// one by one.
    /// </summary>
    private static unsafe void PrefetchDocuments(IndexBase @base, ReadOnlySpan<Neighbour> candidates)
    {
        if (!Sse.IsSupported || @base.DocFeatures.Length == 0)
        {
            return;
        }
        fixed (int* starts = @base.DocStart)
        fixed (float* norms = @base.WeightedNorm)
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Document < @base.Count)
                {
                    Sse.Prefetch0(starts + candidate.Document);
                    Sse.Prefetch0(norms + candidate.Document);
                }
            }
        }
        foreach (var labelStart in @base.LabelStart)
        {
            fixed (int* starts = labelStart)
            {
                foreach (var candidate in candidates)
                {
                    if (candidate.Document < @base.Count)
                    {
                        Sse.Prefetch0(starts + candidate.Document);
                    }
                }
            }
        }
        fixed (int* features = @base.DocFeatures)
        fixed (ushort* values = @base.DocValues)
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Document >= @base.Count)
                {
                    continue;
                }
                var from = @base.DocStart[candidate.Document];
                var to = @base.DocStart[candidate.Document + 1];
                for (var j = from; j < to; j += 16)
                {
                    Sse.Prefetch0(features + j);
                }
                for (var j = from; j < to; j += 32)
                {
                    Sse.Prefetch0(values + j);
                }
            }
        }
    }

    /// <summary>
    /// Asks for the neighbours' labels on every axis, which the votes read next (their offsets were asked for with
    /// the candidates' features, so reading them here rarely waits).
    /// </summary>
    private static unsafe void PrefetchLabels(IndexBase @base, ReadOnlySpan<Neighbour> neighbours)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        for (var a = 0; a < @base.AxisCount; a++)
        {
            var labelStart = @base.LabelStart[a];
            fixed (int* labels = @base.LabelValues[a])
            {
                foreach (var neighbour in neighbours)
                {
                    if (neighbour.Document < @base.Count)
                    {
                        Sse.Prefetch0(labels + labelStart[neighbour.Document]);
                    }
                }
            }
        }
    }

    /// <summary>Smoothed inverse document frequency (as scikit-learn's): rare words count more than "manager".</summary>
    internal static float Idf(int documentFrequency, int documents) => MathF.Log((documents + 1f) / (documentFrequency + 1f)) + 1f;

    private void CheckAxis(int axis)
    {
        if ((uint)axis >= (uint)AxisCount)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is outside the index's {AxisCount} axes.");
        }
    }

    private IndexedTitle? NewDocument(int axis, LearningExample example)
    {
        var features = example.Input.Features;
        var values = new float[features.Count];
        if (!UnitLength(features.Values, values))
        {
            return null;
        }
        // Rounded as the flat base stores them, so a title scores the same before and after a fold or a save.
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = UnitValue.Round(values[i]);
        }
        var perAxis = new int[AxisCount][];
        for (var a = 0; a < AxisCount; a++)
        {
            perAxis[a] = a == axis ? [.. example.Labels] : [];
        }
        return new IndexedTitle(example.Input.Normalized, features.Ids.ToArray(), values, perAxis);
    }

    private void Add(int axis, LearningExample example)
    {
        CheckAxis(axis);
        var key = example.Input.Normalized;
        if (_keys.TryGetValue(key, out var id))
        {
            var labels = Unpublished().LabelsOf(id);
            labels[axis] = example.IsCorrection ? [.. example.Labels] : [.. labels[axis].Union(example.Labels)];
            if (id < _base.Count)
            {
                _relabelled = _relabelled.SetItem(id, labels);
            }
            else
            {
                _added.Set(id - _base.Count, _added[id - _base.Count]! with { Labels = labels });
            }
            return;
        }
        if (NewDocument(axis, example) is not { } document)
        {
            return;
        }
        var row = _added.AddRows(1);
        id = _base.Count + row;
        _keys.Add(key, id);
        for (var i = 0; i < document.Ids.Length; i++)
        {
            var feature = document.Ids[i];
            if ((uint)feature < (uint)_featureDimension)
            {
                _addedPostings.Set(feature, (_addedPostings[feature] ?? DocumentPostings.Empty).Append(id, document.Values[i]));
            }
        }
        _added.Set(row, document with { WeightedNorm = WeightedNorm(document) });
    }

    /// <summary>The title's idf-weighted length with the document frequencies of now (itself included).</summary>
    private float WeightedNorm(IndexedTitle document)
    {
        var documents = _base.Count + _added.RowCount;
        var sum = 0f;
        for (var f = 0; f < document.Ids.Length; f++)
        {
            var feature = document.Ids[f];
            var frequency = 0;
            if ((uint)feature < (uint)_featureDimension)
            {
                frequency = _base.PostingStart[feature + 1] - _base.PostingStart[feature] + (_addedPostings[feature]?.Length ?? 0);
            }
            var value = document.Values[f] * Idf(frequency, documents);
            sum += value * value;
        }
        return MathF.Sqrt(sum);
    }

    private static bool UnitLength(ReadOnlySpan<float> values, Span<float> unit)
    {
        var norm = TensorPrimitives.Norm(values);
        // A non-finite value (only a hand-built vector has one) would make every similarity NaN.
        if (!(norm > 0 && float.IsFinite(norm)))
        {
            return false;
        }
        TensorPrimitives.Divide(values, norm, unit);
        return true;
    }

    /// <summary>
    /// Moves to the front of <paramref name="order"/> (keys of list length and feature index) the lists a search reads,
    /// rarest first: the first non-empty list, then lists up to MaxPostings long until the budget is spent. Only the
    /// short lists are sorted (about 20 of a title's ~58 features): a longer one is read only when no list is short.
    /// </summary>
    /// <returns>How many lists to read.</returns>
    private static int ChooseLists(Span<long> order, NeighbourOptions options)
    {
        var shortLists = 0;
        var shortestLong = long.MaxValue;
        foreach (var key in order)
        {
            var length = (int)(key >> 32);
            if (length > options.MaxPostings)
            {
                shortestLong = Math.Min(shortestLong, key);
            }
            else if (length > 0)
            {
                order[shortLists++] = key;
            }
        }
        if (shortLists == 0)
        {
            if (shortestLong == long.MaxValue)
            {
                return 0;
            }
            order[0] = shortestLong;
            return 1;
        }
        order[..shortLists].Sort();
        var walked = 0;
        var budget = options.PostingBudget;
        while (walked < shortLists && budget > 0)
        {
            budget -= (int)(order[walked++] >> 32);
        }
        return walked;
    }

    /// <summary>Which postings of one list a search reads: the base's from <c>Start</c>, then the first of the titles added since, MaxPostings in all.</summary>
    private static (int Start, int FromBase, int FromAdded) Part(IndexBase @base, int feature, int length, int maxPostings)
    {
        var take = Math.Min(length, maxPostings);
        var start = @base.PostingStart[feature];
        var fromBase = Math.Min(take, @base.PostingStart[feature + 1] - start);
        return (start, fromBase, take - fromBase);
    }

    /// <summary>
    /// Asks for the partial score of every title the walk will update before updating any. Between two searches of a
    /// prediction the other learners push the scores (4 bytes per known title) out of the core's caches, and the walk's
    /// updates then waited on a miss each (two thirds of its time); asked for in a loop that does nothing else, the
    /// misses overlap.
    /// </summary>
    private static unsafe void PrefetchScores(IndexBase @base, ReadOnlySpan<int> ids, ReadOnlySpan<long> lists, int maxPostings, float[] scores)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        fixed (float* pinned = scores)
        {
            foreach (var key in lists)
            {
                var (start, fromBase, _) = Part(@base, ids[(int)key], (int)(key >> 32), maxPostings);
                foreach (var document in @base.PostingDocs.AsSpan(start, fromBase))
                {
                    Sse.Prefetch0(pinned + document);
                }
            }
        }
    }

    /// <summary>
    /// Adds each list's weighted postings to the titles' partial scores and lists each title the first time it is
    /// reached, without a branch: every title is written at the end of <paramref name="touched"/> and the end moves
    /// past it only when its score was zero (a touched title scores at least <see cref="Touched"/>).
    /// </summary>
    /// <returns>How many titles were reached.</returns>
    private static int Accumulate(Snapshot snapshot, ReadOnlySpan<int> ids, ReadOnlySpan<float> weighted, ReadOnlySpan<long> lists, int maxPostings, float[] scores, int[] touched)
    {
        var @base = snapshot.Base;
        var count = 0;
        // Each title is listed once and the list is longer than the titles, so the write at its end stays inside.
        ref var list = ref MemoryMarshal.GetArrayDataReference(touched);
        foreach (var key in lists)
        {
            var feature = ids[(int)key];
            var weight = weighted[(int)key];
            var (start, fromBase, fromAdded) = Part(@base, feature, (int)(key >> 32), maxPostings);
            var documents = @base.PostingDocs.AsSpan(start, fromBase);
            ref var values = ref MemoryMarshal.GetReference(@base.PostingValues.AsSpan(start, fromBase));
            for (var j = 0; j < documents.Length; j++)
            {
                var document = documents[j];
                ref var score = ref scores[document];
                var partial = score;
                Unsafe.Add(ref list, count) = document;
                // Compared as bits: a score is never -0, and a float compare adds a branch for NaN.
                count += BitConverter.SingleToInt32Bits(partial) == 0 ? 1 : 0;
                score = MathF.Max(partial + weight * UnitValue.ToFloat(Unsafe.Add(ref values, j)), Touched);
            }
            if (fromAdded > 0)
            {
                var added = snapshot.AddedPostings[feature]!;
                for (var j = 0; j < fromAdded; j++)
                {
                    var document = added.Documents[j];
                    ref var score = ref scores[document];
                    var partial = score;
                    Unsafe.Add(ref list, count) = document;
                    count += BitConverter.SingleToInt32Bits(partial) == 0 ? 1 : 0;
                    score = MathF.Max(partial + weight * added.Values[j], Touched);
                }
            }
        }
        return count;
    }

    /// <summary>
    /// Keeps in <paramref name="best"/> the <paramref name="touched"/> titles with the best partial scores (ties to the
    /// lower id) and sets each score back to zero: one pass both chooses and resets. Only the set matters (the
    /// candidates are rescored and ranked after), so <paramref name="best"/> is kept unordered and a title better than
    /// its weakest replaces that one: most titles are turned away by one comparison.
    /// </summary>
    /// <returns>How many of <paramref name="best"/> are filled: all of it unless fewer titles were reached.</returns>
    private static int Collect(ReadOnlySpan<int> touched, float[] scores, Span<ulong> best)
    {
        var size = 0;
        var weakest = 0;
        // The least key that enters: any title while there is room, then one above the weakest kept.
        var least = 0UL;
        foreach (var document in touched)
        {
            ref var score = ref scores[document];
            var candidate = Key(score, document);
            score = 0;
            if (candidate >= least)
            {
                if (size < best.Length)
                {
                    best[size++] = candidate;
                }
                else
                {
                    best[weakest] = candidate;
                }
                if (size == best.Length)
                {
                    weakest = Weakest(best);
                    least = best[weakest] + 1;
                }
            }
        }
        return size;
    }

    /// <summary>
    /// A partial score (positive: at least <see cref="Touched"/>, or zero when untouched) and a title as one key that
    /// orders as the score, then the lower id: a positive float's bits order as its value.
    /// </summary>
    private static ulong Key(float score, int document) => ((ulong)BitConverter.SingleToUInt32Bits(score) << 32) | ~(uint)document;

    private static int DocumentOf(ulong key) => (int)~(uint)key;

    /// <summary>
    /// Where the least key is: the least of all by vector minimums, then the first chunk holding it. A scalar scan's
    /// compare-and-keep branches mispredicted on about one key in two.
    /// </summary>
    private static int Weakest(ReadOnlySpan<ulong> keys)
    {
        var width = Vector256<ulong>.Count;
        if (!Vector256.IsHardwareAccelerated || keys.Length < width)
        {
            var at = 0;
            for (var i = 1; i < keys.Length; i++)
            {
                at = keys[i] < keys[at] ? i : at;
            }
            return at;
        }
        ref var first = ref MemoryMarshal.GetReference(keys);
        // The last chunk ends at the last key and may overlap the one before it.
        var last = (nuint)(keys.Length - width);
        var least = Vector256.LoadUnsafe(ref first, last);
        for (nuint i = 0; i < last; i += (nuint)width)
        {
            least = Vector256.Min(least, Vector256.LoadUnsafe(ref first, i));
        }
        var halves = Vector128.Min(least.GetLower(), least.GetUpper());
        var smallest = Vector256.Create(Math.Min(halves.GetElement(0), halves.GetElement(1)));
        for (nuint i = 0; ; i = Math.Min(i + (nuint)width, last))
        {
            var found = Vector256.Equals(Vector256.LoadUnsafe(ref first, i), smallest).ExtractMostSignificantBits();
            if (found != 0)
            {
                return (int)i + System.Numerics.BitOperations.TrailingZeroCount(found);
            }
        }
    }

    /// <summary>Sorts by similarity, most similar first, ties by lower id: a total order, so the same result as any sort.</summary>
    private static void Rank(Span<Neighbour> neighbours)
    {
        // An insertion sort costs a move per pair out of order: fine for the default 24 candidates, not for thousands.
        if (neighbours.Length > 64)
        {
            neighbours.Sort(static (a, b) => Better(a.Similarity, a.Document, b) ? -1 : Better(b.Similarity, b.Document, a) ? 1 : 0);
            return;
        }
        for (var i = 1; i < neighbours.Length; i++)
        {
            var neighbour = neighbours[i];
            var at = i;
            while (at > 0 && Better(neighbour.Similarity, neighbour.Document, neighbours[at - 1]))
            {
                neighbours[at] = neighbours[at - 1];
                at--;
            }
            neighbours[at] = neighbour;
        }
    }

    private static bool Better(float score, int document, Neighbour than) =>
        score > than.Similarity || (score == than.Similarity && document < than.Document);

    /// <summary>The writer's own view between two writes; unlike <see cref="Publish"/> it makes the next write copy nothing.</summary>
    private Snapshot Unpublished() => new(_base, _added.Peek(), _addedPostings.Peek(), _relabelled, _featureDimension, Options);

    private Snapshot Publish() => new(_base, _added.Publish(), _addedPostings.Publish(), _relabelled, _featureDimension, Options);

    internal sealed class Snapshot(
        IndexBase @base,
        ChunkedRows<IndexedTitle?> added,
        VersionedOverlay<DocumentPostings> addedPostings,
        ImmutableDictionary<int, int[][]> relabelled,
        int featureDimension,
        NeighbourOptions options)
    {
        public IndexBase Base { get; } = @base;

        public ChunkedRows<IndexedTitle?> Added { get; } = added;

        public VersionedOverlay<DocumentPostings> AddedPostings { get; } = addedPostings;

        public int AddedCount => Added.RowCount;

        public int Count => Base.Count + Added.RowCount;

        public int FeatureDimension { get; } = featureDimension;

        public NeighbourOptions Options { get; } = options;

        /// <param name="options">The model's current search settings; the index's own when null. A model can be given other
        /// prediction-time settings than those it was built with, and its search must follow them.</param>
        public Neighbour[] Predict(FeatureVector features, int k, NeighbourOptions? options = null) => Search(this, features, k, options ?? Options);

        /// <summary>The title's labels on <paramref name="axis"/>: what a neighbour votes for.</summary>
        public ReadOnlySpan<int> Labels(int document, int axis)
        {
            if (document >= Base.Count)
            {
                return Added[document - Base.Count]!.Labels[axis];
            }
            if (!relabelled.IsEmpty && relabelled.TryGetValue(document, out var labels))
            {
                return labels[axis];
            }
            return Base.LabelsOf(document, axis);
        }

        public string Normalized(int document) => document < Base.Count ? Base.Normalized[document] : Added[document - Base.Count]!.Normalized;

        public int[][] LabelsOf(int document)
        {
            var labels = new int[Base.AxisCount][];
            for (var a = 0; a < labels.Length; a++)
            {
                labels[a] = Labels(document, a).ToArray();
            }
            return labels;
        }

        public IndexedTitle Document(int document)
        {
            if (document >= Base.Count)
            {
                return Added[document - Base.Count]!;
            }
            var from = Base.DocStart[document];
            var to = Base.DocStart[document + 1];
            var values = new float[to - from];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = UnitValue.ToFloat(Base.DocValues[from + i]);
            }
            return new IndexedTitle(Base.Normalized[document], Base.DocFeatures[from..to], values, LabelsOf(document), Base.WeightedNorm[document]);
        }

        public IEnumerable<IndexedTitle> AllDocuments()
        {
            for (var d = 0; d < Count; d++)
            {
                yield return Document(d);
            }
        }

        /// <summary>Writes every title as one flat base (the overlay merged in), without changing this snapshot.</summary>
        public void Write(BinaryWriter writer)
        {
            var flat = AddedCount == 0 && relabelled.IsEmpty ? Base : IndexBase.Build([.. AllDocuments()], Base.AxisCount, FeatureDimension);
            flat.Write(writer);
        }
    }
}

/// <summary>
/// The flat, immutable part of a <see cref="NearestTitleIndex"/>: titles as CSR rows of (feature, 16-bit
/// value), their labels per axis as CSR rows, and the inverted index (feature to titles) in the same form.
/// Values are unit-length components in [0, 1], stored as 16-bit fixed point (<see cref="UnitValue"/>): steps
/// of 1.5e-5, far finer than a cosine between titles needs, half the memory and file of floats, and a
/// conversion that is one multiply (a Half costs a software conversion per value on the hot path).
/// the index's memory and file size.
/// </summary>
internal sealed class IndexBase
{
    private IndexBase(int axisCount, string[] normalized, int[] docStart, int[] docFeatures, ushort[] docValues, float[] weightedNorm, int[][] labelStart, int[][] labels, int featureDimension)
    {
        AxisCount = axisCount;
        Normalized = normalized;
        DocStart = docStart;
        DocFeatures = docFeatures;
        DocValues = docValues;
        WeightedNorm = weightedNorm;
        LabelStart = labelStart;
        LabelValues = labels;
        (PostingStart, PostingDocs, PostingValues) = Invert(docStart, docFeatures, docValues, featureDimension);
    }

    public int AxisCount { get; }

    public int Count => Normalized.Length;

    public string[] Normalized { get; }

    public int[] DocStart { get; }

    public int[] DocFeatures { get; }

    public ushort[] DocValues { get; }

    public float[] WeightedNorm { get; }

    public int[][] LabelStart { get; }

    public int[][] LabelValues { get; }

    /// <summary>Feature f's titles are PostingDocs[PostingStart[f]..PostingStart[f + 1]], ascending.</summary>
    public int[] PostingStart { get; }

    public int[] PostingDocs { get; }

    public ushort[] PostingValues { get; }

    public ReadOnlySpan<int> LabelsOf(int document, int axis) =>
        LabelValues[axis].AsSpan(LabelStart[axis][document], LabelStart[axis][document + 1] - LabelStart[axis][document]);

    /// <param name="computeNorms">True for a training run (exact idf lengths); false keeps each title's stored length.</param>
    public static IndexBase Build(IReadOnlyList<IndexedTitle> documents, int axisCount, int featureDimension, bool computeNorms = false)
    {
        var count = documents.Count;
        var normalized = new string[count];
        var docStart = new int[count + 1];
        for (var d = 0; d < count; d++)
        {
            normalized[d] = documents[d].Normalized;
            docStart[d + 1] = docStart[d] + documents[d].Ids.Length;
        }
        var docFeatures = new int[docStart[count]];
        var docValues = new ushort[docStart[count]];
        var weightedNorm = new float[count];
        for (var d = 0; d < count; d++)
        {
            documents[d].Ids.CopyTo(docFeatures, docStart[d]);
            for (var i = 0; i < documents[d].Values.Length; i++)
            {
                docValues[docStart[d] + i] = UnitValue.ToFixed(documents[d].Values[i]);
            }
            weightedNorm[d] = documents[d].WeightedNorm;
        }
        var labelStart = new int[axisCount][];
        var labels = new int[axisCount][];
        for (var a = 0; a < axisCount; a++)
        {
            labelStart[a] = new int[count + 1];
            for (var d = 0; d < count; d++)
            {
                labelStart[a][d + 1] = labelStart[a][d] + documents[d].Labels[a].Length;
            }
            labels[a] = new int[labelStart[a][count]];
            for (var d = 0; d < count; d++)
            {
                documents[d].Labels[a].CopyTo(labels[a], labelStart[a][d]);
            }
        }
        var built = new IndexBase(axisCount, normalized, docStart, docFeatures, docValues, weightedNorm, labelStart, labels, featureDimension);
        if (computeNorms)
        {
            built.ComputeNorms();
        }
        return built;
    }

    private void ComputeNorms()
    {
        for (var d = 0; d < Count; d++)
        {
            var sum = 0f;
            for (var i = DocStart[d]; i < DocStart[d + 1]; i++)
            {
                var feature = DocFeatures[i];
                var frequency = (uint)feature < (uint)(PostingStart.Length - 1) ? PostingStart[feature + 1] - PostingStart[feature] : 0;
                var value = UnitValue.ToFloat(DocValues[i]) * NearestTitleIndex.Idf(frequency, Count);
                sum += value * value;
            }
            WeightedNorm[d] = MathF.Sqrt(sum);
        }
    }

    /// <summary>The inverted index by counting sort: titles come out ascending within each feature.</summary>
    private static (int[] Start, int[] Docs, ushort[] Values) Invert(int[] docStart, int[] docFeatures, ushort[] docValues, int featureDimension)
    {
        var start = new int[featureDimension + 1];
        foreach (var feature in docFeatures)
        {
            if ((uint)feature < (uint)featureDimension)
            {
                start[feature + 1]++;
            }
        }
        for (var f = 0; f < featureDimension; f++)
        {
            start[f + 1] += start[f];
        }
        var docs = new int[start[featureDimension]];
        var values = new ushort[docs.Length];
        var next = start[..featureDimension];
        for (var d = 0; d + 1 < docStart.Length; d++)
        {
            for (var i = docStart[d]; i < docStart[d + 1]; i++)
            {
                var feature = docFeatures[i];
                if ((uint)feature < (uint)featureDimension)
                {
                    var at = next[feature]++;
                    docs[at] = d;
                    values[at] = docValues[i];
                }
            }
        }
        return (start, docs, values);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        foreach (var title in Normalized)
        {
            writer.Write(title);
        }
        BinaryArrays.WriteInts(writer, DocStart);
        BinaryArrays.WriteAscendingRows(writer, DocStart, DocFeatures);
        BinaryArrays.WriteUShorts(writer, DocValues);
        BinaryArrays.WriteFloats(writer, WeightedNorm);
        for (var a = 0; a < AxisCount; a++)
        {
            BinaryArrays.WriteInts(writer, LabelStart[a]);
            BinaryArrays.WriteInts(writer, LabelValues[a]);
        }
    }

    /// <param name="intern">Returns the one instance of a title string that the rest of the model already holds.</param>
    public static IndexBase Read(BinaryReader reader, int axisCount, int featureDimension, IReadOnlyList<int> categoryCounts, Func<string, string> intern)
    {
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"The file claims {count} known titles.");
        }
        var normalized = new string[count];
        for (var d = 0; d < count; d++)
        {
            normalized[d] = intern(reader.ReadString());
        }
        var docStart = BinaryArrays.ReadOffsets(reader, count);
        var docFeatures = BinaryArrays.ReadAscendingRows(reader, docStart, featureDimension);
        var docValues = BinaryArrays.ReadUShorts(reader);
        var weightedNorm = BinaryArrays.ReadFloats(reader);
        if (docFeatures.Length != docStart[count] || docValues.Length != docFeatures.Length || weightedNorm.Length != count)
        {
            throw new InvalidDataException($"The known titles' arrays disagree: {docStart[count]} features by offset, {docFeatures.Length} ids, {docValues.Length} values, {weightedNorm.Length} lengths for {count} titles.");
        }
        var labelStart = new int[axisCount][];
        var labels = new int[axisCount][];
        for (var a = 0; a < axisCount; a++)
        {
            labelStart[a] = BinaryArrays.ReadOffsets(reader, count);
            labels[a] = BinaryArrays.ReadInts(reader, categoryCounts[a]);
            if (labels[a].Length != labelStart[a][count])
            {
                throw new InvalidDataException($"The known titles' labels on axis {a} number {labels[a].Length}, but the offsets say {labelStart[a][count]}.");
            }
        }
        return new IndexBase(axisCount, normalized, docStart, docFeatures, docValues, weightedNorm, labelStart, labels, featureDimension);
    }
}

/// <summary>
/// The query's features in a small open-addressing table over caller-provided (stack) memory, read without a
/// branch: a key sits at most <see cref="Window"/> - 1 slots after its home slot (linear probing, no wrap: the table
/// has a tail), and a lookup compares the whole window of 8 keys at its home with one vector comparison and adds
/// the matching value. A branchy probe per candidate feature (hit or miss, one more slot or not) mispredicted about
/// once in two and made rescoring half of a search.
/// </summary>
internal readonly ref struct QueryTable
{
    /// <summary>Keys a lookup compares at once; the build doubles the table until every key sits that close to its home.</summary>
    public const int Window = 8;

    private readonly Span<int> _keys;
    private readonly Span<float> _values;
    private readonly int _shift;

    /// <summary>A table <see cref="TryBuild"/> filled with the same <paramref name="homes"/>.</summary>
    public QueryTable(Span<int> keys, Span<float> values, int homes)
    {
        _keys = keys;
        _values = values;
        _shift = Shift(homes);
    }

    /// <summary>Slots for <paramref name="features"/> keys in a table of <paramref name="homes"/> home slots (a power of two).</summary>
    public static int SizeFor(int features, int homes) => homes + features + Window;

    /// <summary>Home slots to start with: a quarter full, so keys rarely move.</summary>
    public static int HomesFor(int features) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(Window, features * 4));

    /// <summary>
    /// Builds the table in <paramref name="keys"/> and <paramref name="values"/> (each <see cref="SizeFor"/> long);
    /// false when a key would sit a window or more from its home: build again with twice the home slots.
    /// </summary>
    public static bool TryBuild(ReadOnlySpan<int> ids, ReadOnlySpan<float> weights, int homes, Span<int> keys, Span<float> values)
    {
        var shift = Shift(homes);
        keys.Fill(-1);
        values.Clear();
        for (var i = 0; i < ids.Length; i++)
        {
            var home = Home(ids[i], shift);
            var slot = home;
            while (keys[slot] != -1)
            {
                slot++;
            }
            if (slot - home >= Window)
            {
                return false;
            }
            keys[slot] = ids[i];
            values[slot] = weights[i];
        }
        return true;
    }

    /// <summary>The sum over <paramref name="ids"/> of their query weight times their stored value.</summary>
    public float Dot(ReadOnlySpan<int> ids, ReadOnlySpan<ushort> values) => Sum(ids, values);

    /// <inheritdoc cref="Dot(ReadOnlySpan{int}, ReadOnlySpan{ushort})"/>
    public float Dot(ReadOnlySpan<int> ids, ReadOnlySpan<float> values) => Sum(ids, values);

    /// <summary>One loop for the base's fixed-point values and the overlay's floats (compiled once for each).</summary>
    private float Sum<T>(ReadOnlySpan<int> ids, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        ref var keys = ref MemoryMarshal.GetReference(_keys);
        ref var weights = ref MemoryMarshal.GetReference(_values);
        var sum = Vector256<float>.Zero;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            var home = (nuint)Home(id, _shift);
            var match = Vector256.Equals(Vector256.LoadUnsafe(ref keys, home), Vector256.Create(id)).AsSingle();
            var value = typeof(T) == typeof(ushort) ? UnitValue.ToFloat((ushort)(object)values[i]) : (float)(object)values[i];
            sum += (Vector256.LoadUnsafe(ref weights, home) & match) * Vector256.Create(value);
        }
        return Vector256.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(int id, int shift) => (int)(((uint)id * 2654435769u) >> shift);

    private static int Shift(int homes) => 32 - System.Numerics.BitOperations.Log2((uint)homes);
}

/// <summary>Titles added since the base that contain one feature, append-only with spare capacity.</summary>
internal sealed class DocumentPostings
{
    public static readonly DocumentPostings Empty = new([], [], 0);

    public DocumentPostings(int[] documents, float[] values, int length)
    {
        Documents = documents;
        Values = values;
        Length = length;
    }

    public int[] Documents { get; }

    public float[] Values { get; }

    public int Length { get; }

    public DocumentPostings Append(int document, float value)
    {
        var documents = Documents;
        var values = Values;
        if (Length == documents.Length)
        {
            var capacity = Math.Max(4, Length * 2);
            documents = new int[capacity];
            values = new float[capacity];
            Array.Copy(Documents, documents, Length);
            Array.Copy(Values, values, Length);
        }
        documents[Length] = document;
        values[Length] = value;
        return new DocumentPostings(documents, values, Length + 1);
    }
}

/// <summary>A value in [0, 1] as 16-bit fixed point: what the index stores for each unit-length feature value.</summary>
internal static class UnitValue
{
    private const float Scale = 65535f;
    private const float Step = 1f / Scale;

    public static ushort ToFixed(float value) => (ushort)MathF.Round(Math.Clamp(value, 0f, 1f) * Scale);

    public static float ToFloat(ushort value) => value * Step;

    /// <summary>The value as stored: what a title learned since the base uses, so it scores the same after a fold or a save.</summary>
    public static float Round(float value) => ToFloat(ToFixed(value));
}
