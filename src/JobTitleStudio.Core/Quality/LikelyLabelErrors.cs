using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Training;

namespace JobTitleStudio.Core.Quality;

/// <summary>One record as the likely-label-errors search reads it: its labels per axis in axis order ("" where it has none).</summary>
public sealed record ScoredRecord(long Id, string Title, string NormalizedTitle, IReadOnlyList<string> Labels);

/// <summary>
/// A record label the model, trained without the record's title, finds unlikely: the label's probability and loss
/// (-ln p), and the model's own top category with its probability.
/// </summary>
public sealed record LikelyLabelError(long RecordId, string Title, string Axis, string Label, double LabelProbability, double Loss, string Suggestion, double SuggestionProbability);

/// <summary>How far the search is: folds trained and scored out of all, records scored, and the share of the work done.</summary>
public sealed record LabelErrorProgress(int FoldsDone, int Folds, long RecordsScored, double Fraction);

public sealed record LabelErrorOptions
{
    /// <summary>Folds of normalised titles: each fold is scored by a model trained on the others.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Rows kept per axis, the highest losses first; a large file can disagree with its model thousands of times.</summary>
    public int MaxPerAxis { get; init; } = 1000;

    public ModelOptions Model { get; init; } = new();

    public void Validate()
    {
        if (Folds is < 2 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(Folds), $"Folds is {Folds}; use 2..20 (default 5).");
        }
        if (MaxPerAxis < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPerAxis), $"MaxPerAxis is {MaxPerAxis}; keep at least 1 row per axis.");
        }
        Model.Validate();
    }
}

/// <summary>
/// Likely label errors by out-of-fold loss: the records are split into folds by normalised title, so every spelling of a
/// title lands in the same fold; each fold is scored by a model trained on the other folds only. A record's label then
/// meets a model that never saw the title, and a label that contradicts what the rest of the data says about similar
/// titles gets a low probability. Only labels the model disagrees with (its top category is another) are reported.
/// </summary>
public static class LikelyLabelErrors
{
    /// <summary>The most categories a prediction ranks; a label ranked below them gets the last ranked probability, a lower bound on its loss.</summary>
    private const int MaxRanked = 1000;

    /// <summary>Keeps the loss finite when the model gives a label no probability at all.</summary>
    private const double ProbabilityFloor = 1e-9;

    public static IReadOnlyList<LikelyLabelError> Find(
        IReadOnlyList<string> axes,
        IReadOnlyList<ScoredRecord> records,
        LabelErrorOptions? options = null,
        IProgress<LabelErrorProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(records);
        options ??= new LabelErrorOptions();
        options.Validate();
        if (records.Any(r => r.Labels.Count != axes.Count))
        {
            var bad = records.First(r => r.Labels.Count != axes.Count);
            throw new ArgumentException($"Every record needs one label cell per axis ({axes.Count}); record {bad.Id} has {bad.Labels.Count}.", nameof(records));
        }
        var labelled = records.Where(r => r.Labels.Any(l => l.Length > 0)).ToList();
        var folds = AssignFolds([.. labelled.Select(r => r.NormalizedTitle)], options.Folds);
        var foldCount = folds.Length == 0 ? 0 : folds.Max() + 1;
        if (foldCount < 2)
        {
            throw new InvalidOperationException(
                $"The {labelled.Count:N0} labelled records have {foldCount} distinct title(s); scoring a title with a model that never saw it needs at least two.");
        }
        var definitions = LabelledAxes.FromLabels(axes, labelled.Select(r => r.Labels));
        var prediction = new PredictionOptions { TopN = Math.Clamp(definitions.Max(d => d.Count), 1, MaxRanked) };
        var found = new List<LikelyLabelError>();
        long scored = 0;
        var done = 0.0;
        for (var fold = 0; fold < foldCount; fold++)
        {
            var f = fold;
            var train = labelled.Where((_, i) => folds[i] != f).Select(r => LabelledAxes.TrainingRow(definitions, r.Title, r.Labels)).ToList();
            var test = labelled.Where((_, i) => folds[i] == f).ToList();
            var model = new TitleClassifier(definitions, options: options.Model);
            var stage = progress is null ? null : new Stage(p =>
            {
                // Training reports its own stages, whose fractions may repeat; the bar must never step back.
                done = Math.Max(done, (f + 0.9 * p.Fraction) / foldCount);
                progress.Report(new LabelErrorProgress(f, foldCount, scored, done));
            });
            model.Train(train, progress: stage, cancellationToken: cancellationToken);
            var predictions = model.PredictBatch([.. test.Select(r => r.Title)], prediction, cancellationToken);
            for (var i = 0; i < test.Count; i++)
            {
                for (var a = 0; a < definitions.Count; a++)
                {
                    if (Judge(test[i], a, predictions[i][definitions[a].Name]) is { } error)
                    {
                        found.Add(error);
                    }
                }
            }
            scored += test.Count;
            done = (fold + 1.0) / foldCount;
            progress?.Report(new LabelErrorProgress(fold + 1, foldCount, scored, done));
        }
        return [.. found.GroupBy(e => e.Axis, StringComparer.Ordinal)
            .SelectMany(axis => axis.OrderByDescending(e => e.Loss).ThenBy(e => e.RecordId).Take(options.MaxPerAxis))
            .OrderByDescending(e => e.Loss).ThenBy(e => e.RecordId)];
    }

    /// <summary>
    /// The fold of each record: distinct normalised titles in the order of a stable hash, dealt out in turn, so folds
    /// differ in size by at most one title and every record of a title shares its fold. Fewer titles than folds give
    /// one fold per title.
    /// </summary>
    public static int[] AssignFolds(IReadOnlyList<string> normalizedTitles, int folds)
    {
        ArgumentNullException.ThrowIfNull(normalizedTitles);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 1);
        var distinct = normalizedTitles.Distinct(StringComparer.Ordinal)
            .OrderBy(t => GroupedSplit.StableHash(t)).ThenBy(t => t, StringComparer.Ordinal).ToList();
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Count; i++)
        {
            foldOf[distinct[i]] = i % folds;
        }
        return [.. normalizedTitles.Select(t => foldOf[t])];
    }

    private static LikelyLabelError? Judge(ScoredRecord record, int axis, AxisPrediction predicted)
    {
        var label = record.Labels[axis];
        if (label.Length == 0 || predicted.Top.Count == 0 || predicted.Top[0].Category == label)
        {
            return null;
        }
        var probability = predicted.Top.FirstOrDefault(c => c.Category == label)?.Probability ?? predicted.Top[^1].Probability;
        var p = Math.Max(ProbabilityFloor, probability);
        return new LikelyLabelError(record.Id, record.Title, predicted.Axis, label, p, -Math.Log(p), predicted.Top[0].Category, predicted.Top[0].Probability);
    }

    /// <summary>Reports synchronously: <see cref="Progress{T}"/> would post to a thread-pool callback after the fold moved on.</summary>
    private sealed class Stage(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
