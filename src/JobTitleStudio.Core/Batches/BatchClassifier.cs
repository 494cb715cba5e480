using System.Collections.Concurrent;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Batches;

/// <summary>
/// Classifies a stream of titles chunk by chunk against one model, remembering answers by raw title
/// across chunks: real files repeat titles heavily (1.6 million records may hold 330,000 distinct
/// titles), so most rows cost a dictionary lookup. Junk titles get no prediction (null) and are counted.
/// </summary>
public sealed class BatchClassifier
{
    /// <summary>Enough for the distinct titles of a large file; past it the cache stops growing rather than evicting.</summary>
    public const int DefaultCacheLimit = 500_000;

    private readonly TitleClassifier _model;
    private readonly PredictionOptions _options;
    private readonly int _cacheLimit;
    private readonly ConcurrentDictionary<string, TitlePrediction?> _cache = new(StringComparer.Ordinal);

    public BatchClassifier(TitleClassifier model, PredictionOptions options, int cacheLimit = DefaultCacheLimit)
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

    /// <summary>Predictions for <paramref name="titles"/> in order; null where the title is junk.</summary>
    public TitlePrediction?[] Classify(IReadOnlyList<string> titles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(titles);
        var results = new TitlePrediction?[titles.Count];
        var missing = new List<int>();
        var pending = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < titles.Count; i++)
        {
            var title = titles[i] ?? string.Empty;
            if (_cache.TryGetValue(title, out var known))
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
            var distinct = pending.ToArray();
            var predicted = _model.PredictBatch(distinct, _options, cancellationToken);
            var fresh = new Dictionary<string, TitlePrediction?>(distinct.Length, StringComparer.Ordinal);
            for (var d = 0; d < distinct.Length; d++)
            {
                var prediction = predicted[d].Normalized.IsJunk ? null : predicted[d];
                fresh[distinct[d]] = prediction;
                if (_cache.Count < _cacheLimit)
                {
                    _cache[distinct[d]] = prediction;
                }
            }
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
                if (result.Axes.Any(a => a.Abstained))
                {
                    Abstained++;
                }
            }
        }
        return results;
    }
}
