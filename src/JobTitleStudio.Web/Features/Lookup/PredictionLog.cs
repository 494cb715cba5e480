using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Review;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Lookup;

/// <summary>
/// Records what the model answered. Lookups of up to <see cref="MaxRecordedTitles"/> titles are kept title by title
/// (they feed the review queue); larger calls and batches are counted in one row per call.
/// </summary>
public sealed class PredictionLog(IDbContextFactory<AppDbContext> databases, ReviewRules rules, TimeProvider clock)
{
    public const int MaxRecordedTitles = 100;

    public async Task RecordAsync(LiveWorkspace workspace, MappedClassifier model, IReadOnlyList<TitlePrediction> predictions, string source, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var version = workspace.Status.Version ?? "unknown";
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (predictions.Count > MaxRecordedTitles)
        {
            await RecordCallAsync(db, workspace, predictions.Count, version, source, now, cancellationToken);
            return;
        }

        var records = predictions
            .Where(p => !p.Normalized.IsJunk)
            .SelectMany(p => p.Axes.Select(a => Record(workspace, model, p, a, version, source, now)))
            .ToList();
        if (records.Count == 0)
        {
            return;
        }

        var titles = records.Select(r => r.NormalizedTitle).Distinct().ToList();
        var alreadyQueued = (await db.PredictionRecords.AsNoTracking()
                .Where(r => r.WorkspaceId == workspace.Id && r.Outcome == ReviewOutcome.Pending && r.Queued && titles.Contains(r.NormalizedTitle))
                .Select(r => new { r.NormalizedTitle, r.Axis })
                .ToListAsync(cancellationToken))
            .Select(r => (r.NormalizedTitle, r.Axis))
            .ToHashSet();
        foreach (var record in records)
        {
            // Add returns false for a title already queued, by an earlier lookup or earlier in this one.
            record.Queued = record.Queued && alreadyQueued.Add((record.NormalizedTitle, record.Axis));
        }
        db.PredictionRecords.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Counts a call whose titles are not kept one by one (a batch, or a big API call).</summary>
    public async Task RecordCallAsync(LiveWorkspace workspace, int count, string source, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await RecordCallAsync(db, workspace, count, workspace.Status.Version ?? "unknown", source, clock.GetUtcNow(), cancellationToken);
    }

    private static async Task RecordCallAsync(AppDbContext db, LiveWorkspace workspace, int count, string version, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.PredictionCalls.Add(new PredictionCall { WorkspaceId = workspace.Id, Count = count, ModelVersion = version, Source = source, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    private PredictionRecord Record(LiveWorkspace workspace, MappedClassifier model, TitlePrediction prediction, AxisPrediction axis, string version, string source, DateTimeOffset now)
    {
        var margin = Uncertainty.Margin(axis);
        var ruleLabel = rules.Disagreement(model, axis.Axis, prediction.Title, axis.Label);
        return new PredictionRecord
        {
            WorkspaceId = workspace.Id,
            Title = Truncate(prediction.Title.Trim()),
            NormalizedTitle = Truncate(prediction.Normalized.Normalized),
            Axis = axis.Axis,
            Label = axis.Label,
            Probability = axis.Probability,
            Margin = margin,
            RuleLabel = ruleLabel,
            Uncertainty = Uncertainty.Score(axis.Probability, margin, ruleLabel is not null),
            // An answer that comes from a correction was given by a human already.
            Queued = !axis.FromCorrection,
            ModelVersion = version,
            Source = source,
            CreatedAt = now,
        };
    }

    private static string Truncate(string text) => text.Length <= Correction.MaxTitleLength ? text : text[..Correction.MaxTitleLength];
}
