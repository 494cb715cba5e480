using System.Diagnostics;
using JobTitleStudio.Core.Quality;

namespace JobTitleStudio.Web.Features.Reports;

/// <summary>How far a running search is, as the progress bar shows it: folds done, records scored per second, time left.</summary>
public sealed record LabelErrorProgressView(int FoldsDone, int Folds, long RecordsScored, double Fraction, double RecordsPerSecond, TimeSpan? TimeLeft);

/// <summary>A likely-label-errors run: when, with which model options, how it ended; <c>Progress</c> while it runs.</summary>
public sealed record LabelErrorRunView(
    int Id, string Status, string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int Folds,
    string ModelDescription, string ModelOptions, long RecordsScored, string? Message, LabelErrorProgressView? Progress = null);

/// <summary>
/// One likely label error: the record, the label it carried when scored and its probability and loss, the model's
/// suggestion, and the label the record has now (the suggestion once accepted).
/// </summary>
public sealed record LabelErrorRow(
    long Id, long RecordId, string Title, string Axis, string Label, double LabelProbability, double Loss,
    string Suggestion, double SuggestionProbability, string CurrentLabel)
{
    public bool Accepted => CurrentLabel == Suggestion;
}

/// <summary>The report: the run in progress if any, the last completed run, and its rows (highest loss first).</summary>
public sealed record LabelErrorReport(LabelErrorRunView? Active, LabelErrorRunView? Last, IReadOnlyList<string> Axes, IReadOnlyList<LabelErrorRow> Rows);

/// <summary>A running search's latest progress and its clock, kept in memory: it changes many times a second.</summary>
public sealed class LiveLabelErrors
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private LabelErrorProgress? _last;

    public void Report(LabelErrorProgress progress) => Volatile.Write(ref _last, progress);

    public LabelErrorProgressView? View()
    {
        if (Volatile.Read(ref _last) is not { } last)
        {
            return null;
        }
        var seconds = _clock.Elapsed.TotalSeconds;
        TimeSpan? left = last.Fraction > 0 ? TimeSpan.FromSeconds(seconds * (1 - last.Fraction) / last.Fraction) : null;
        return new LabelErrorProgressView(last.FoldsDone, last.Folds, last.RecordsScored, last.Fraction, seconds > 0 ? last.RecordsScored / seconds : 0, left);
    }
}
