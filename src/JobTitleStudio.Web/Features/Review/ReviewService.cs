using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Lookup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Review;

public sealed record ReviewFilter(string? Axis = null, string? Category = null);

/// <summary>A queued prediction with the live model's current ranking on its axis (the numbered choices).</summary>
public sealed record ReviewItem(PredictionRecord Record, AxisPrediction Current);

public sealed record ReviewProgress(int ReviewedToday, int Remaining);

/// <summary>What the analyst last did in the queue, so U can take it back.</summary>
public sealed record ReviewAction(PredictionRecord Record, long? CorrectionId);

/// <summary>
/// The review queue: stored predictions not yet looked at by a human, most uncertain first, paged in SQL. Decisions are
/// corrections (accepting stores a confirmation with old = new), so they reach the live model and History at once.
/// </summary>
public sealed class ReviewService(IDbContextFactory<AppDbContext> databases, CorrectionService corrections, IOptions<AnalystOptions> analyst, TimeProvider clock)
{
    /// <summary>Categories offered per item: the keys 1-9.</summary>
    public const int Choices = 9;

    public async Task<IReadOnlyList<ReviewItem>> NextAsync(LiveWorkspace workspace, ReviewFilter filter, IReadOnlyCollection<long> skipped, int take, CancellationToken cancellationToken = default)
    {
        var model = workspace.RequireModel();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var records = await Queue(db, workspace, filter)
            .Where(r => !skipped.Contains(r.Id))
            .OrderByDescending(r => r.Uncertainty).ThenBy(r => r.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        return [.. records.Select(r => Item(model, r))];
    }

    /// <summary>The record again with the live model's current ranking, e.g. after an undo brought it back.</summary>
    public ReviewItem Refresh(LiveWorkspace workspace, PredictionRecord record) => Item(workspace.RequireModel(), record);

    private static ReviewItem Item(MappedClassifier model, PredictionRecord record) =>
        new(record, model.Predict(record.Title, new PredictionOptions { TopN = Choices, Axes = [record.Axis] })[record.Axis]);

    public async Task<ReviewProgress> ProgressAsync(LiveWorkspace workspace, ReviewFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var today = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var reviewed = await db.PredictionRecords.CountAsync(r => r.WorkspaceId == workspace.Id && r.ReviewedAt >= today, cancellationToken);
        return new ReviewProgress(reviewed, await Queue(db, workspace, filter).CountAsync(cancellationToken));
    }

    /// <summary>Enter: the model was right; stored as a confirmation correction.</summary>
    public async Task<ReviewAction> AcceptAsync(LiveWorkspace workspace, ReviewItem item, CancellationToken cancellationToken = default) =>
        new(item.Record, (await corrections.CorrectAsync(workspace, Request(item, item.Current.Label, CorrectionKind.Confirmation), cancellationToken)).Correction.Id);

    /// <summary>1-9: the right category is <paramref name="label"/>; stored as a confirmation when the model already answers it.</summary>
    public async Task<ReviewAction> CorrectAsync(LiveWorkspace workspace, ReviewItem item, string label, CancellationToken cancellationToken = default) =>
        new(item.Record, (await corrections.CorrectAsync(workspace, Request(item, label, CorrectionKind.Confirmation), cancellationToken)).Correction.Id);

    /// <summary>U: undoes the decision's correction, if any, and puts the title back in the queue.</summary>
    public async Task UndoAsync(LiveWorkspace workspace, ReviewAction action, CancellationToken cancellationToken = default)
    {
        if (action.CorrectionId is not { } id)
        {
            return;
        }
        await corrections.UndoAsync(workspace, id, analyst.Value.Name, PredictionSources.Review, cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.PredictionRecords
            .Where(r => r.Id == action.Record.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, ReviewOutcome.Pending).SetProperty(r => r.ReviewedAt, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Categories on the filtered axis that pending predictions carry, for the category filter.</summary>
    public async Task<IReadOnlyList<string>> QueuedCategoriesAsync(LiveWorkspace workspace, string axis, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await Queue(db, workspace, new ReviewFilter(axis)).Select(r => r.Label).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
    }

    private CorrectionRequest Request(ReviewItem item, string label, CorrectionKind kind) =>
        new(item.Record.Title, item.Record.Axis, label, analyst.Value.Name, PredictionSources.Review, kind);

    private static IQueryable<PredictionRecord> Queue(AppDbContext db, LiveWorkspace workspace, ReviewFilter filter)
    {
        var queue = db.PredictionRecords.AsNoTracking().Where(r => r.WorkspaceId == workspace.Id && r.Outcome == ReviewOutcome.Pending && r.Queued);
        if (!string.IsNullOrEmpty(filter.Axis))
        {
            queue = queue.Where(r => r.Axis == filter.Axis);
        }
        if (!string.IsNullOrEmpty(filter.Category))
        {
            queue = queue.Where(r => r.Label == filter.Category);
        }
        return queue;
    }
}

public static class ReviewServices
{
    public static IServiceCollection AddReview(this IServiceCollection services) =>
        services.AddSingleton<ReviewRules>().AddSingleton<ReviewService>();
}
