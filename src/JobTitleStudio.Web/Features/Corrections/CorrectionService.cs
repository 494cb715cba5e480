using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Corrections;

public sealed record CorrectionRequest(string Title, string Axis, string Label, string Author, string Source, CorrectionKind Kind = CorrectionKind.Correction);

/// <summary>The stored record and the workspace's answer for the title right after the model learned it.</summary>
public sealed record CorrectionResult(Correction Correction, TitlePrediction Prediction);

public sealed record CorrectionQuery(string? Axis = null, string? Text = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

public sealed record CorrectionPage(IReadOnlyList<Correction> Items, int Total);

/// <summary>
/// Corrections: stored in SQLite first, then learned by the live model, so a crash between the two loses nothing
/// (start-up replays it). Every user and API caller sees the corrected answer as soon as the call returns.
/// </summary>
public sealed class CorrectionService(IDbContextFactory<AppDbContext> databases, LiveModelWriter writer, TimeProvider clock)
{
    public static readonly string[] ExportColumns = ["id", "created_at", "author", "source", "kind", "title", "normalized_title", "axis", "old_label", "new_label", "undo_of", "undone_by"];

    public async Task<CorrectionResult> CorrectAsync(LiveWorkspace workspace, CorrectionRequest request, CancellationToken cancellationToken = default)
    {
        var model = workspace.RequireModel();
        var title = ValidTitle(request.Title);
        var axis = TaxonomyNames.Axis(model.Axes, request.Axis, workspace.Name);
        var category = await CategoryAsync(workspace, axis, request.Label, cancellationToken);
        var before = model.Predict(title, new PredictionOptions { TopN = 1, Axes = [axis.Name] });
        var oldLabel = before[axis.Name].Label;
        var correction = new Correction
        {
            WorkspaceId = workspace.Id,
            Title = title,
            NormalizedTitle = before.Normalized.Normalized,
            Axis = axis.Name,
            OldLabel = oldLabel,
            NewLabel = category.Name,
            // Another analyst's correction may have moved this title since it was shown: then accepting changes it.
            Kind = request.Kind == CorrectionKind.Confirmation && oldLabel != category.Name ? CorrectionKind.Correction : request.Kind,
            Author = request.Author,
            Source = request.Source,
        };
        await StoreAndApplyAsync(workspace, model, correction, undone: null, cancellationToken);
        return new CorrectionResult(correction, model.Predict(title));
    }

    /// <summary>Restores the label correction <paramref name="correctionId"/> replaced, as a new correction marked as its undo.</summary>
    public async Task<CorrectionResult> UndoAsync(LiveWorkspace workspace, long correctionId, string author, string source, CancellationToken cancellationToken = default)
    {
        var model = workspace.RequireModel();
        Correction original;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            original = await db.Corrections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == correctionId && c.WorkspaceId == workspace.Id, cancellationToken)
                ?? throw StudioProblem.NotFound($"Workspace {workspace.Name} has no correction {correctionId}.");
        }
        if (original.Kind == CorrectionKind.Undo)
        {
            throw StudioProblem.Conflict($"Correction {correctionId} is itself an undo; correct the title again instead.");
        }
        if (original.UndoneById is { } undoneBy)
        {
            throw StudioProblem.Conflict($"Correction {correctionId} was already undone by correction {undoneBy}.");
        }
        if (model.ModelCategory(original.Axis, original.OldLabel) is null)
        {
            throw StudioProblem.Conflict($"Correction {correctionId} replaced \"{original.OldLabel}\" on {original.Axis}, which the live model cannot answer in the taxonomy as it is now; "
                + "correct the title to a current category instead, or train a new version in Models and make it live.");
        }
        var undo = new Correction
        {
            WorkspaceId = workspace.Id,
            Title = original.Title,
            NormalizedTitle = original.NormalizedTitle,
            Axis = original.Axis,
            OldLabel = original.NewLabel,
            NewLabel = original.OldLabel,
            Kind = CorrectionKind.Undo,
            UndoOfId = original.Id,
            Author = author,
            Source = source,
        };
        await StoreAndApplyAsync(workspace, model, undo, original.Id, cancellationToken);
        return new CorrectionResult(undo, model.Predict(original.Title));
    }

    /// <summary>Learns every correction newer than <paramref name="afterId"/> in id order; returns how many and the last id.</summary>
    internal async Task<(int Count, long LastId)> ReplayAsync(LiveWorkspace workspace, MappedClassifier model, long afterId, ILogger logger, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var count = 0;
        var last = afterId;
        await foreach (var correction in db.Corrections.AsNoTracking()
                           .Where(c => c.WorkspaceId == workspace.Id && c.Id > afterId)
                           .OrderBy(c => c.Id)
                           .AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            last = correction.Id;
            if (!model.TryLearn(correction.Title, correction.Axis, correction.NewLabel))
            {
                // A category the model has none of (a split's, say): the record stays in History, a version trained on it learns it.
                logger.LogWarning("Correction {Id} ({Axis} = {Label}) does not fit the live model's taxonomy and was not replayed", correction.Id, correction.Axis, correction.NewLabel);
                continue;
            }
            count++;
        }
        return (count, last);
    }

    public async Task<CorrectionPage> SearchAsync(LiveWorkspace workspace, CorrectionQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db, workspace.Id, query);
        var total = await filtered.CountAsync(cancellationToken);
        var items = await filtered.OrderByDescending(c => c.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new CorrectionPage(items, total);
    }

    /// <summary>Writes the filtered corrections, oldest first, as CSV with spreadsheet formulas neutralised.</summary>
    public async Task ExportCsvAsync(LiveWorkspace workspace, CorrectionQuery query, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // The writer is synchronous and the response stream refuses synchronous writes: buffer, then copy.
        using var buffer = new MemoryStream();
        using (var table = TableWriter.Create(buffer, TableFileFormat.Csv, new TableWriteOptions { Utf8Bom = true }, leaveOpen: true))
        {
            table.WriteRow(ExportColumns);
            await foreach (var c in Filter(db, workspace.Id, query).OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                table.WriteRow([
                    c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    c.Author, c.Source, c.Kind.ToString(), c.Title, c.NormalizedTitle, c.Axis, c.OldLabel, c.NewLabel,
                    c.UndoOfId?.ToString(System.Globalization.CultureInfo.InvariantCulture), c.UndoneById?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ]);
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <summary>The workspace's corrections matching the query: also what History lists beside label changes.</summary>
    internal static IQueryable<Correction> Filter(AppDbContext db, int workspaceId, CorrectionQuery query)
    {
        var corrections = db.Corrections.AsNoTracking().Where(c => c.WorkspaceId == workspaceId);
        if (!string.IsNullOrWhiteSpace(query.Axis))
        {
            corrections = corrections.Where(c => c.Axis == query.Axis);
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = $"%{query.Text.Trim()}%";
            corrections = corrections.Where(c => EF.Functions.Like(c.Title, pattern) || EF.Functions.Like(c.NewLabel, pattern)
                || EF.Functions.Like(c.OldLabel, pattern) || EF.Functions.Like(c.Author, pattern));
        }
        if (query.From is { } from)
        {
            corrections = corrections.Where(c => c.CreatedAt >= from);
        }
        if (query.To is { } to)
        {
            corrections = corrections.Where(c => c.CreatedAt < to);
        }
        return corrections;
    }

    /// <summary>
    /// The current category <paramref name="label"/> names. One the workspace's taxonomy has but the live model cannot
    /// answer (a split's new category, one added since it was trained) is refused with what to do: train a version on it.
    /// </summary>
    private async Task<CategoryDefinition> CategoryAsync(LiveWorkspace workspace, AxisDefinition axis, string? label, CancellationToken cancellationToken)
    {
        try
        {
            return TaxonomyNames.Category(axis, label, workspace.Name);
        }
        catch (StudioProblem)
        {
            var wanted = label?.Trim() ?? "";
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var known = await db.Categories.AsNoTracking().Where(c => c.Axis!.WorkspaceId == workspace.Id && c.Name == wanted).Select(c => c.Axis!.Name).ToListAsync(cancellationToken);
            if (known.Any(a => string.Equals(a, axis.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw StudioProblem.BadRequest($"\"{wanted}\" is a category of {axis.Name} that the live model {workspace.Status.Version} cannot answer yet: it was created after that version was trained "
                    + "(by a split or an added category). Train a new version in Models and make it live, then correct the title to it.");
            }
            throw;
        }
    }

    private static string ValidTitle(string? title)
    {
        var trimmed = title?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw StudioProblem.BadRequest("The title is empty; send the job title to correct in \"title\".");
        }
        if (trimmed.Length > Correction.MaxTitleLength)
        {
            throw StudioProblem.BadRequest($"The title has {trimmed.Length} characters; a job title has at most {Correction.MaxTitleLength}.");
        }
        return trimmed;
    }

    private async Task StoreAndApplyAsync(LiveWorkspace workspace, MappedClassifier model, Correction correction, long? undone, CancellationToken cancellationToken)
    {
        await workspace.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            correction.CreatedAt = now;
            await using (var db = await databases.CreateDbContextAsync(cancellationToken))
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                db.Corrections.Add(correction);
                await db.SaveChangesAsync(cancellationToken);
                if (undone is { } undoneId)
                {
                    await db.Corrections.Where(c => c.Id == undoneId).ExecuteUpdateAsync(s => s.SetProperty(c => c.UndoneById, correction.Id), cancellationToken);
                }
                else
                {
                    // A human has now looked at this title: it leaves the review queue.
                    var outcome = correction.Kind == CorrectionKind.Confirmation ? ReviewOutcome.Accepted : ReviewOutcome.Corrected;
                    await db.PredictionRecords
                        .Where(r => r.WorkspaceId == workspace.Id && r.NormalizedTitle == correction.NormalizedTitle && r.Axis == correction.Axis && r.Outcome == ReviewOutcome.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, outcome).SetProperty(r => r.ReviewedAt, now), cancellationToken);
                }
                await transaction.CommitAsync(CancellationToken.None);
            }
            // Stored: from here on the correction survives anything, so the model may learn it. A version made live
            // while this call waited for the gate has replaced the model read before: that one learns it, unless it has
            // no category for the label (then, as in a replay, a version trained on it will).
            var live = workspace.Model ?? model;
            live.TryLearn(correction.Title, correction.Axis, correction.NewLabel);
            workspace.LastAppliedCorrectionId = correction.Id;
        }
        finally
        {
            workspace.Gate.Release();
        }
        writer.RequestSave(workspace);
    }
}
