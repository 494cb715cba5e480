using System.Diagnostics;
using System.Globalization;
using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Training;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Hosting;
using JobTitleStudio.Web.Features.Rules;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Models;

/// <summary>
/// Trains queued model versions one at a time: first on the records whose normalised title falls outside the held-out
/// split, measured on the held-out titles, then on every record for the version that can go live. A cancelled version
/// keeps no file, so it can never go live. A version a stopped server left training is marked failed on start-up.
/// </summary>
public sealed class ModelTrainer(
    IDbContextFactory<AppDbContext> databases,
    ModelVersionService versions,
    ModelVersionFiles files,
    ILogger<ModelTrainer> logger) : JobRunner<int, ModelVersion>(versions.Queue, logger)
{
    public const string InterruptedMessage = "The server stopped while this version was training; train again.";

    protected override async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.ModelVersions.Where(v => v.Status == ModelVersionStatus.Training || v.Status == ModelVersionStatus.Queued)
            .ExecuteUpdateAsync(v => v.SetProperty(x => x.Status, ModelVersionStatus.Failed).SetProperty(x => x.Message, InterruptedMessage), cancellationToken);
    }

    protected override async Task<ModelVersion?> MarkRunningAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Conditional, so a Cancel that marked the version cancelled while it waited wins.
        var started = await db.ModelVersions.Where(v => v.Id == id && v.Status == ModelVersionStatus.Queued)
            .ExecuteUpdateAsync(v => v.SetProperty(x => x.Status, ModelVersionStatus.Training), cancellationToken);
        return started == 0 ? null : await db.ModelVersions.AsNoTracking().Include(v => v.Workspace).SingleAsync(v => v.Id == id, cancellationToken);
    }

    protected override async Task RunAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        version.MetricsJson = (await MeasureAndTrainAsync(db, version, cancellationToken)).ToJson();
    }

    protected override async Task FinishAsync(ModelVersion version, JobOutcome outcome, Exception? error)
    {
        versions.Forget(version.Id);
        (version.Status, version.Message) = outcome switch
        {
            JobOutcome.Completed => (ModelVersionStatus.Completed, null),
            JobOutcome.Cancelled => (ModelVersionStatus.Cancelled, "Cancelled while training; no model was kept."),
            JobOutcome.Interrupted => (ModelVersionStatus.Failed, InterruptedMessage),
            _ => (ModelVersionStatus.Failed, error?.Message),
        };
        if (outcome != JobOutcome.Completed)
        {
            version.MetricsJson = null;
            var path = files.Path(version.Workspace!.Name, version.Number);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        version.FinishedAt = DateTimeOffset.UtcNow;
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        db.ModelVersions.Attach(version).State = EntityState.Modified;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<VersionMetrics> MeasureAndTrainAsync(AppDbContext db, ModelVersion version, CancellationToken cancellationToken)
    {
        // One read transaction: the records are exactly those of the taxonomy as of the change recorded with the version.
        await using var snapshot = await db.Database.BeginTransactionAsync(cancellationToken);
        version.TaxonomyChangeId = await db.LabelChangeSets.Where(s => s.WorkspaceId == version.WorkspaceId).MaxAsync(s => (long?)s.Id, cancellationToken) ?? 0;
        var axes = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == version.WorkspaceId).OrderBy(a => a.Position)
            .Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var records = await db.Records.AsNoTracking().Where(r => r.WorkspaceId == version.WorkspaceId && r.Labels.Any(l => l.Label != ""))
            .Select(r => new { r.Title, r.NormalizedTitle, r.DatasetId, Labels = r.Labels.Select(l => new { l.AxisId, l.Label }).ToList() })
            .ToListAsync(cancellationToken);
        var rows = records.Select(r => new Row(r.Title, r.NormalizedTitle,
            [.. axes.Select(a => r.Labels.FirstOrDefault(l => l.AxisId == a.Id)?.Label ?? "")])).ToList();
        var datasetIds = records.Select(r => r.DatasetId).Distinct().ToList();
        var datasets = await db.Datasets.AsNoTracking().Where(d => datasetIds.Contains(d.Id)).OrderBy(d => d.Id).Select(d => d.FileName).ToListAsync(cancellationToken);
        await snapshot.CommitAsync(cancellationToken);

        var (train, test) = GroupedSplit.Split(rows, r => r.Normalized, versions.Options.TestFraction);
        if (train.Count == 0 || test.Count == 0)
        {
            throw new InvalidOperationException(
                $"The {rows.Count} labelled records have too few distinct titles to hold some out for measuring; import more labelled titles.");
        }
        var definitions = LabelledAxes.FromLabels([.. axes.Select(a => a.Name)], rows.Select(r => r.Cells));

        var measured = new TitleClassifier(definitions);
        measured.Train(train.Select(r => LabelledAxes.TrainingRow(definitions, r.Title, r.Cells)),
            progress: Stage(version.Id, "Training on the titles not held out", 0, 0.45), cancellationToken: cancellationToken);
        versions.Report(version.Id, new TrainingState("Measuring on the held-out titles", 0.45));
        var predictions = measured.PredictBatch([.. test.Select(r => r.Title)], new PredictionOptions { TopN = AxisEvaluation.RankedCategories }, cancellationToken);
        var metrics = definitions.Select((axis, a) => (axis.Name, AxisEvaluation.Evaluate(axis, [.. test.Select(r => r.Cells[a])], [.. predictions.Select(p => p[axis.Name])])))
            .ToDictionary(m => m.Name, m => m.Item2, StringComparer.Ordinal);
        var rules = await RuleBaselines.MeasureAsync(db, version.WorkspaceId, definitions, [.. test.Select(r => r.Title)], [.. test.Select(r => r.Cells)], cancellationToken);

        var clock = Stopwatch.StartNew();
        var final = new TitleClassifier(definitions);
        final.Train(rows.Select(r => LabelledAxes.TrainingRow(definitions, r.Title, r.Cells)),
            progress: Stage(version.Id, "Training on every record", 0.5, 0.5), cancellationToken: cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var path = files.Path(version.Workspace!.Name, version.Number);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ModelFile.Save(final, path);

        var measuredOn = string.Create(CultureInfo.InvariantCulture,
            $"Measured on {test.Count:N0} test records of dataset{(datasets.Count == 1 ? "" : "s")} {string.Join(", ", datasets)}: the records of {versions.Options.TestFraction:P0} of the normalised titles, held out from a model trained on the other {train.Count:N0}.");
        return new VersionMetrics(rows.Count, train.Count, test.Count, datasets, measuredOn, seconds, metrics, rules);
    }

    private Progress Stage(int id, string stage, double start, double share) => new(f => versions.Report(id, new TrainingState(stage, start + share * f.Fraction)));

    /// <summary>Reports synchronously: <see cref="Progress{T}"/> would post to a thread-pool callback after the run moved on.</summary>
    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    private sealed record Row(string Title, string Normalized, string[] Cells);
}
