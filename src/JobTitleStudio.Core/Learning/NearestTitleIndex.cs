using System.Collections.Immutable;
using System.Numerics.Tensors;
using JobTitleStudio.Core.Features;

namespace JobTitleStudio.Core.Learning;

/// <summary>A known title in the index: its unit-length features and its labels on every axis (empty when unknown).</summary>
public sealed record IndexedTitle(string Normalized, int[] Ids, float[] Values, int[][] Labels);

public readonly record struct Neighbour(int Document, float Similarity);

/// <summary>
/// Cosine nearest neighbours over known titles, shared by all axes of a model (one lookup serves every
/// axis). An inverted index gathers candidates from the rarer features; candidates are rescored exactly.
/// </summary>
public sealed class NearestTitleIndex
{
    private const int DocumentRowsLog2 = 8;
    private const int PostingRowsLog2 = 6;

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
        _documents = new ChunkedRowsWriter<IndexedTitle?>(0, 1, DocumentRowsLog2);
        _postings = new ChunkedRowsWriter<DocumentPostings?>(featureDimension, 1, PostingRowsLog2);
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
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            lengths[i] = (uint)ids[i] < (uint)snapshot.Postings.RowCount ? snapshot.Postings[ids[i]]?.Length ?? 0 : 0;
        }
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
        var skipped = false;
        var budget = options.PostingBudget;
        for (var o = 0; o < order.Length; o++)
        {
            var length = lengths[o];
            if (length == 0)
            {
                continue;
            }
            if (touched.Count > 0 && (length > options.MaxPostings || budget <= 0))
            {
                skipped = true;
                continue;
            }
            budget -= length;
            var postings = snapshot.Postings[ids[order[o]]]!;
            var weight = query[order[o]];
            var take = Math.Min(length, options.MaxPostings);
            skipped |= take < length;
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

        var candidates = Best(touched, scores, skipped ? options.Candidates : k);
        if (skipped)
        {
            var table = new QueryTable(ids, query);
            for (var i = 0; i < candidates.Length; i++)
            {
                var document = snapshot.Documents[candidates[i].Document]!;
                candidates[i] = new Neighbour(candidates[i].Document, table.Dot(document.Ids, document.Values));
            }
            Array.Sort(candidates, static (a, b) => b.Similarity.CompareTo(a.Similarity) is var c && c != 0 ? c : a.Document.CompareTo(b.Document));
            if (candidates.Length > k)
            {
                Array.Resize(ref candidates, k);
            }
        }
        return candidates;
    }

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
            IndexPostings(id, document);
        }
        _keys = keys.ToImmutable();
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
        }
        else
        {
            bulkKeys.Add(key, id);
        }
        IndexPostings(id, document);
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

    private DocumentPostings(int[] documents, float[] values, int length)
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
