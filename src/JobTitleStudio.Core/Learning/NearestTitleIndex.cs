using System.Collections.Immutable;
using System.Numerics.Tensors;
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
/// </summary>
public sealed class NearestTitleIndex
{
    private const int DocumentRowsLog2 = 6;
    private const int PostingRowsLog2 = 4;
    private const int ChunksPerPageLog2 = 6;

    [ThreadStatic]
    private static float[]? t_scores;

    [ThreadStatic]
    private static int[]? t_seen;

    [ThreadStatic]
    private static int t_stamp;

    private readonly ChunkedRowsWriter<IndexedTitle?> _documents;
    private readonly ChunkedRowsWriter<DocumentPostings?> _postings;
    private ImmutableDictionary<string, int> _keys = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);
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
        _documents = new ChunkedRowsWriter<IndexedTitle?>(0, 1, DocumentRowsLog2, ChunksPerPageLog2);
        _postings = new ChunkedRowsWriter<DocumentPostings?>(featureDimension, 1, PostingRowsLog2, ChunksPerPageLog2);
        _snapshot = Publish();
    }

    public int AxisCount { get; }

    public NeighbourOptions Options { get; }

    public int Count => Volatile.Read(ref _snapshot).Documents.RowCount;

    /// <summary>
    /// Adds the title (or updates its labels on <paramref name="axis"/>). A correction replaces the
    /// title's labels on that axis; an imported row adds to them.
    /// </summary>
    public void Learn(int axis, LearningExample example)
    {
        Add(axis, example);
        Volatile.Write(ref _snapshot, Publish());
    }

    /// <summary>Rebuilds the index from scratch.</summary>
    public void Learn(IReadOnlyList<(int Axis, LearningExample Example)> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        for (var f = 0; f < _postings.RowCount; f++)
        {
            _postings.Set(f, null);
        }
        _documents.Clear();
        _keys = _keys.Clear();
        var keys = _keys.ToBuilder();
        foreach (var (axis, example) in examples)
        {
            Add(axis, example, keys);
        }
        _keys = keys.ToImmutable();
        BuildPostings(computeNorms: true);
        Volatile.Write(ref _snapshot, Publish());
    }

    public IndexedTitle Document(int id) => Current.Documents[id]!;

    /// <summary>The <paramref name="k"/> most similar known titles, most similar first.</summary>
    public Neighbour[] Predict(FeatureVector features, int k) => Current.Predict(features, k);

    /// <summary>The published index; the model captures it with the learners' so one update is seen whole.</summary>
    internal Snapshot Current => Volatile.Read(ref _snapshot);

    internal static Neighbour[] Search(Snapshot snapshot, FeatureVector features, int k)
    {
        var options = snapshot.Options;
        var documentCount = snapshot.Documents.RowCount;
        if (documentCount == 0 || features.Count == 0 || k < 1)
        {
            return [];
        }
        Span<float> query = features.Count <= 256 ? stackalloc float[features.Count] : new float[features.Count];
        if (!UnitLength(features.Values, query))
        {
            return [];
        }
        var ids = features.Ids;
        Span<int> order = features.Count <= 256 ? stackalloc int[features.Count] : new int[features.Count];
        Span<int> lengths = features.Count <= 256 ? stackalloc int[features.Count] : new int[features.Count];
        Span<float> weighted = features.Count <= 256 ? stackalloc float[features.Count] : new float[features.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            lengths[i] = DocumentFrequency(snapshot, ids[i]);
            var idf = Idf(lengths[i], documentCount);
            query[i] *= idf;
            weighted[i] = query[i] * idf;
        }
        var queryNorm = TensorPrimitives.Norm(query);
        lengths.Sort(order);

        if (t_scores is null || t_scores.Length < documentCount)
        {
            t_scores = new float[Math.Max(documentCount, 1024) * 2];
            t_seen = new int[t_scores.Length];
        }
        var scores = t_scores;
        var seen = t_seen!;
        var stamp = ++t_stamp;
        var touched = new List<int>();
        var budget = options.PostingBudget;
        for (var o = 0; o < order.Length; o++)
        {
            var length = lengths[o];
            if (length == 0 || (touched.Count > 0 && (length > options.MaxPostings || budget <= 0)))
            {
                continue;
            }
            budget -= length;
            var postings = snapshot.Postings[ids[order[o]]]!;
            var weight = weighted[order[o]];
            var take = Math.Min(length, options.MaxPostings);
            for (var j = 0; j < take; j++)
            {
                var document = postings.Documents[j];
                if (seen[document] != stamp)
                {
                    seen[document] = stamp;
                    scores[document] = 0;
                    touched.Add(document);
                }
                scores[document] += weight * postings.Values[j];
            }
        }

        // Candidates come from partial scores; their similarity is the full idf-weighted cosine, the same
        // whatever was skipped above.
        var candidates = Best(touched, scores, options.Candidates);
        var table = new QueryTable(ids, weighted);
        for (var i = 0; i < candidates.Length; i++)
        {
            var document = snapshot.Documents[candidates[i].Document]!;
            var similarity = document.WeightedNorm > 0 ? table.Dot(document.Ids, document.Values) / (queryNorm * document.WeightedNorm) : 0f;
            candidates[i] = new Neighbour(candidates[i].Document, Math.Min(similarity, 1f));
        }
        Array.Sort(candidates, static (a, b) => b.Similarity.CompareTo(a.Similarity) is var c && c != 0 ? c : a.Document.CompareTo(b.Document));
        return candidates.Length > k ? candidates[..k] : candidates;
    }

    private static int DocumentFrequency(Snapshot snapshot, int feature) =>
        (uint)feature < (uint)snapshot.Postings.RowCount ? snapshot.Postings[feature]?.Length ?? 0 : 0;

    /// <summary>Smoothed inverse document frequency (as scikit-learn's): rare words count more than "manager".</summary>
    private static float Idf(int documentFrequency, int documents) => MathF.Log((documents + 1f) / (documentFrequency + 1f)) + 1f;

    internal IEnumerable<IndexedTitle> Documents
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot);
            for (var d = 0; d < snapshot.Documents.RowCount; d++)
            {
                yield return snapshot.Documents[d]!;
            }
        }
    }

    internal void Restore(IEnumerable<IndexedTitle> documents)
    {
        var keys = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var id = _documents.AddRows(1);
            _documents.Set(id, document);
            keys[document.Normalized] = id;
        }
        _keys = keys.ToImmutable();
        BuildPostings(computeNorms: false);
        Volatile.Write(ref _snapshot, Publish());
    }

    private void Add(int axis, LearningExample example, ImmutableDictionary<string, int>.Builder? bulkKeys = null)
    {
        if ((uint)axis >= (uint)AxisCount)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is outside the index's {AxisCount} axes.");
        }
        var key = example.Input.Normalized;
        var found = bulkKeys is null ? _keys.TryGetValue(key, out var id) : bulkKeys.TryGetValue(key, out id);
        if (found)
        {
            var existing = _documents[id]!;
            var labels = (int[][])existing.Labels.Clone();
            labels[axis] = example.IsCorrection ? [.. example.Labels] : [.. labels[axis].Union(example.Labels)];
            _documents.Set(id, existing with { Labels = labels });
            return;
        }

        var features = example.Input.Features;
        var values = new float[features.Count];
        if (!UnitLength(features.Values, values))
        {
            return;
        }
        var perAxis = new int[AxisCount][];
        for (var a = 0; a < AxisCount; a++)
        {
            perAxis[a] = a == axis ? [.. example.Labels] : [];
        }
        var document = new IndexedTitle(key, features.Ids.ToArray(), values, perAxis);
        id = _documents.AddRows(1);
        _documents.Set(id, document);
        if (bulkKeys is null)
        {
            _keys = _keys.Add(key, id);
            IndexPostings(id, document);
            _documents.Set(id, document with { WeightedNorm = WeightedNorm(document) });
        }
        else
        {
            bulkKeys.Add(key, id);
        }
    }

    /// <summary>All posting lists at once, each allocated at its final size: a bulk build appends nothing.</summary>
    /// <param name="computeNorms">False when restoring saved titles, whose saved norms must stay as they were.</param>
    private void BuildPostings(bool computeNorms)
    {
        var frequencies = new int[_postings.RowCount];
        for (var d = 0; d < _documents.RowCount; d++)
        {
            foreach (var feature in _documents[d]!.Ids)
            {
                if ((uint)feature < (uint)frequencies.Length)
                {
                    frequencies[feature]++;
                }
            }
        }
        var documents = new int[frequencies.Length][];
        var values = new float[frequencies.Length][];
        var filled = new int[frequencies.Length];
        for (var d = 0; d < _documents.RowCount; d++)
        {
            var document = _documents[d]!;
            for (var i = 0; i < document.Ids.Length; i++)
            {
                var feature = document.Ids[i];
                if ((uint)feature >= (uint)frequencies.Length)
                {
                    continue;
                }
                if (documents[feature] is null)
                {
                    documents[feature] = new int[frequencies[feature]];
                    values[feature] = new float[frequencies[feature]];
                }
                documents[feature][filled[feature]] = d;
                values[feature][filled[feature]++] = document.Values[i];
            }
        }
        for (var f = 0; f < frequencies.Length; f++)
        {
            _postings.Set(f, frequencies[f] == 0 ? null : new DocumentPostings(documents[f], values[f], frequencies[f]));
        }
        for (var d = 0; computeNorms && d < _documents.RowCount; d++)
        {
            var document = _documents[d]!;
            _documents.Set(d, document with { WeightedNorm = WeightedNorm(document) });
        }
    }

    private float WeightedNorm(IndexedTitle document)
    {
        var sum = 0f;
        for (var f = 0; f < document.Ids.Length; f++)
        {
            var feature = document.Ids[f];
            var frequency = (uint)feature < (uint)_postings.RowCount ? _postings[feature]?.Length ?? 0 : 0;
            var value = document.Values[f] * Idf(frequency, _documents.RowCount);
            sum += value * value;
        }
        return MathF.Sqrt(sum);
    }

    private void IndexPostings(int id, IndexedTitle document)
    {
        for (var i = 0; i < document.Ids.Length; i++)
        {
            var feature = document.Ids[i];
            if ((uint)feature < (uint)_postings.RowCount)
            {
                _postings.Set(feature, (_postings[feature] ?? DocumentPostings.Empty).Append(id, document.Values[i]));
            }
        }
    }

    private static bool UnitLength(ReadOnlySpan<float> values, Span<float> unit)
    {
        var norm = TensorPrimitives.Norm(values);
        if (!(norm > 0))
        {
            return false;
        }
        TensorPrimitives.Divide(values, norm, unit);
        return true;
    }

    /// <summary>Top <paramref name="count"/> touched documents by score, best first, ties by document id.</summary>
    private static Neighbour[] Best(List<int> touched, float[] scores, int count)
    {
        var take = Math.Min(count, touched.Count);
        var best = new Neighbour[take];
        var size = 0;
        foreach (var document in touched)
        {
            var score = scores[document];
            if (size == take && !Better(score, document, best[size - 1]))
            {
                continue;
            }
            var at = size == take ? size - 1 : size++;
            while (at > 0 && Better(score, document, best[at - 1]))
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = new Neighbour(document, score);
        }
        return best;
    }

    private static bool Better(float score, int document, Neighbour than) =>
        score > than.Similarity || (score == than.Similarity && document < than.Document);

    private Snapshot Publish() => new(_documents.Publish(), _postings.Publish(), Options);

    internal sealed record Snapshot(ChunkedRows<IndexedTitle?> Documents, ChunkedRows<DocumentPostings?> Postings, NeighbourOptions Options)
    {
        public Neighbour[] Predict(FeatureVector features, int k) => Search(this, features, k);
    }
}

/// <summary>
/// The query's features in a small open-addressing table: rescoring a candidate is then one probe per
/// candidate feature instead of a branchy merge of two sorted lists.
/// </summary>
internal readonly ref struct QueryTable
{
    private readonly Span<int> _keys;
    private readonly Span<float> _values;
    private readonly int _mask;

    public QueryTable(ReadOnlySpan<int> ids, ReadOnlySpan<float> values)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, ids.Length * 2));
        _keys = new int[size];
        _values = new float[size];
        _mask = size - 1;
        _keys.Fill(-1);
        for (var i = 0; i < ids.Length; i++)
        {
            var slot = Slot(ids[i]);
            while (_keys[slot] != -1)
            {
                slot = (slot + 1) & _mask;
            }
            _keys[slot] = ids[i];
            _values[slot] = values[i];
        }
    }

    public float Dot(int[] ids, float[] values)
    {
        var sum = 0f;
        for (var i = 0; i < ids.Length; i++)
        {
            var slot = Slot(ids[i]);
            int key;
            while ((key = _keys[slot]) != -1)
            {
                if (key == ids[i])
                {
                    sum += _values[slot] * values[i];
                    break;
                }
                slot = (slot + 1) & _mask;
            }
        }
        return sum;
    }

    private int Slot(int id) => (int)(((uint)id * 2654435769u) >> 8) & _mask;
}

/// <summary>Documents containing one feature, append-only with spare capacity (see <see cref="Postings"/>).</summary>
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
