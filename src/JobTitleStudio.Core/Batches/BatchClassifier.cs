using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Batches;

/// <summary>
/// Classifies a stream of titles chunk by chunk against one model, remembering answers across chunks:
/// real files repeat titles heavily (1.6 million records may hold 330,000 distinct titles), so most rows
/// cost a dictionary lookup by raw title, and spellings that normalise alike ("SALES MANAGER",
/// "Sales Manager.") share one answer, as they do within one <see cref="TitleClassifier.PredictBatch"/> call.
/// Answers are kept as <see cref="BatchAnswer"/>s (ready cells), which bounds the memory of the caches.
/// Junk titles get no prediction (null), are never sent to the model, and are counted.
/// </summary>
public sealed class BatchClassifier
{
    /// <summary>Enough for the distinct titles of a large file; past it the caches stop growing rather than evicting.</summary>
    public const int DefaultCacheLimit = 500_000;

    private readonly MappedClassifier _model;
    private readonly PredictionOptions _options;
    private readonly int _cacheLimit;
    private readonly Dictionary<string, BatchAnswer?> _byRaw = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BatchAnswer> _byNormalized = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sharedTexts = new(StringComparer.Ordinal);

    public BatchClassifier(TitleClassifier model, PredictionOptions options, int cacheLimit = DefaultCacheLimit)
        : this(new MappedClassifier(model ?? throw new ArgumentNullException(nameof(model)), CategoryMap.Identity), options, cacheLimit)
    {
    }

    /// <summary>
    /// Answers in the current taxonomy through <paramref name="model"/>'s map. The caches hold answers of this one map: a
    /// taxonomy edit made while the batch runs does not reach it, so a file is classified in one taxonomy throughout.
    /// </summary>
    public BatchClassifier(MappedClassifier model, PredictionOptions options, int cacheLimit = DefaultCacheLimit)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _options = options;
        _cacheLimit = cacheLimit;
    }

    public long Classified { get; private set; }

    public long Abstained { get; private set; }

    public long Junk { get; private set; }

    /// <summary>Answers for <paramref name="titles"/> in order; null where the title is junk. Not thread-safe: one caller at a time.</summary>
    public BatchAnswer?[] Classify(IReadOnlyList<string> titles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(titles);
        var results = new BatchAnswer?[titles.Count];
        var missing = new List<int>();
        var pending = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < titles.Count; i++)
        {
            var title = titles[i] ?? string.Empty;
            if (_byRaw.TryGetValue(title, out var known))
            {
                results[i] = known;
            }
            else
            {
                missing.Add(i);
                pending.Add(title);
            }
        }
        if (pending.Count > 0)
        {
            var fresh = Resolve(pending.ToArray(), cancellationToken);
            foreach (var i in missing)
            {
                results[i] = fresh[titles[i] ?? string.Empty];
            }
        }
        foreach (var result in results)
        {
            if (result is null)
            {
                Junk++;
            }
            else
            {
                Classified++;
                if (result.Abstained)
                {
                    Abstained++;
                }
            }
        }
        return results;
    }

    /// <summary>Answers titles not seen before: from the normalised cache where a spelling variant was seen, from the model otherwise.</summary>
    private Dictionary<string, BatchAnswer?> Resolve(string[] distinct, CancellationToken cancellationToken)
    {
        var normalizer = _model.Featurizer.Normalizer;
        var normalized = new NormalizedTitle[distinct.Length];
        Parallel.For(0, distinct.Length, new ParallelOptions { CancellationToken = cancellationToken }, d => normalized[d] = normalizer.Normalize(distinct[d]));
        var unseen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < distinct.Length; d++)
        {
            if (!normalized[d].IsJunk && !_byNormalized.ContainsKey(normalized[d].Normalized))
            {
                unseen.TryAdd(normalized[d].Normalized, d);
            }
        }
        var predictedNow = new Dictionary<string, BatchAnswer>(unseen.Count, StringComparer.Ordinal);
        if (unseen.Count > 0)
        {
            var representatives = unseen.Values.ToArray();
            var predicted = _model.PredictBatch([.. representatives.Select(d => distinct[d])], _options, cancellationToken);
            for (var r = 0; r < representatives.Length; r++)
            {
                var key = normalized[representatives[r]].Normalized;
                var answer = new BatchAnswer(predicted[r], _sharedTexts);
                predictedNow[key] = answer;
                if (_byNormalized.Count < _cacheLimit)
                {
                    _byNormalized[key] = answer;
                }
            }
        }
        var fresh = new Dictionary<string, BatchAnswer?>(distinct.Length, StringComparer.Ordinal);
        for (var d = 0; d < distinct.Length; d++)
        {
            BatchAnswer? answer = null;
            if (!normalized[d].IsJunk)
            {
                var key = normalized[d].Normalized;
                answer = _byNormalized.TryGetValue(key, out var cached) ? cached : predictedNow[key];
            }
            fresh[distinct[d]] = answer;
            if (_byRaw.Count < _cacheLimit)
            {
                _byRaw[distinct[d]] = answer;
            }
        }
        return fresh;
    }
}
