using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Taxonomy;

/// <summary>
/// A model seen through a <see cref="CategoryMap"/>: it predicts in the current taxonomy's categories and learns
/// corrections given in them. With the identity map it answers exactly as the model does, at no cost.
/// </summary>
public sealed class MappedClassifier
{
    private readonly AxisCategoryMap?[] _maps;

    public MappedClassifier(TitleClassifier classifier, CategoryMap map)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(map);
        Classifier = classifier;
        Map = map;
        _maps = [.. classifier.Axes.Select(map.For)];
        Axes = [.. classifier.Axes.Select((a, i) => _maps[i]?.Axis ?? a)];
        IsMapped = _maps.Any(m => m is not null);
    }

    /// <summary>The model as trained, in its own categories: what is saved to disk and what options are read from.</summary>
    public TitleClassifier Classifier { get; }

    public CategoryMap Map { get; }

    /// <summary>True when some category of the model has another name now, so predictions are mapped.</summary>
    public bool IsMapped { get; }

    /// <summary>The model's axes with their current categories.</summary>
    public IReadOnlyList<AxisDefinition> Axes { get; }

    public TitleFeaturizer Featurizer => Classifier.Featurizer;

    public TitlePrediction Predict(string title, PredictionOptions? options = null)
    {
        options ??= PredictionOptions.Default;
        return IsMapped ? Mapped(Classifier.Predict(title, Whole(options)), options) : Classifier.Predict(title, options);
    }

    public IReadOnlyList<TitlePrediction> PredictBatch(IReadOnlyList<string> titles, PredictionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= PredictionOptions.Default;
        if (!IsMapped)
        {
            return Classifier.PredictBatch(titles, options, cancellationToken);
        }
        var predicted = Classifier.PredictBatch(titles, Whole(options), cancellationToken);
        var results = new TitlePrediction[predicted.Count];
        // PredictBatch shares one prediction between spellings of a title: map each shared one once.
        var done = new Dictionary<IReadOnlyList<AxisPrediction>, IReadOnlyList<AxisPrediction>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < results.Length; i++)
        {
            var p = predicted[i];
            if (!done.TryGetValue(p.Axes, out var axes))
            {
                axes = Mapped(p, options).Axes;
                done.Add(p.Axes, axes);
            }
            results[i] = p with { Axes = axes };
        }
        return results;
    }

    /// <summary>The model category that a correction to <paramref name="category"/> (a current category of <paramref name="axis"/>) teaches, or null when the model has none mapped onto it.</summary>
    public string? ModelCategory(string axis, string category)
    {
        var a = AxisIndex(axis);
        return a < 0 ? null
            : _maps[a] is { } map ? map.ModelCategory(category)
            : Classifier.Axes[a].TryIndexOf(category, out _) ? category : null;
    }

    /// <summary>Learns a correction given in current categories, as the model category it maps back to (<see cref="ModelCategory"/>).</summary>
    /// <exception cref="ArgumentException">No model category maps onto <paramref name="label"/>: only a version trained on it can learn it.</exception>
    public void Learn(string title, string axis, string label)
    {
        if (!TryLearn(title, axis, label))
        {
            throw new ArgumentException($"The live model has no category that is \"{label}\" now on axis {axis}; train a new version to teach it.", nameof(label));
        }
    }

    /// <summary>As <see cref="Learn"/>, but false instead of an exception when no model category maps onto <paramref name="label"/> (nothing is learned).</summary>
    public bool TryLearn(string title, string axis, string label)
    {
        if (ModelCategory(axis, label) is not { } learned)
        {
            return false;
        }
        Classifier.Learn(title, Classifier.Axes[AxisIndex(axis)].Name, learned);
        return true;
    }

    /// <summary>The model's options with every category's probability returned, so the probability of each category a map merges is counted.</summary>
    private static PredictionOptions Whole(PredictionOptions options) => options with { Distribution = true };

    /// <summary>The prediction in current categories; the distributions only <see cref="Whole"/> asked for are dropped (batches keep answers by the thousand).</summary>
    private TitlePrediction Mapped(TitlePrediction prediction, PredictionOptions options)
    {
        var axes = new AxisPrediction[prediction.Axes.Count];
        for (var i = 0; i < axes.Length; i++)
        {
            var axis = prediction.Axes[i];
            var a = AxisIndex(axis.Axis);
            axes[i] = a >= 0 && _maps[a] is { } map ? map.Map(axis, options.TopN, options.Distribution)
                : options.Distribution ? axis
                : axis with { Distribution = null };
        }
        return prediction with { Axes = axes };
    }

    private int AxisIndex(string axis)
    {
        var axes = Classifier.Axes;
        for (var a = 0; a < axes.Count; a++)
        {
            if (axes[a].Name == axis)
            {
                return a;
            }
        }
        for (var a = 0; a < axes.Count; a++)
        {
            if (string.Equals(axes[a].Name, axis, StringComparison.OrdinalIgnoreCase))
            {
                return a;
            }
        }
        return -1;
    }
}
