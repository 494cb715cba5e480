using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Hosting;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Lookup;

/// <summary>Lookups and corrections for the Lookup page and the classify API: predict, record, correct, undo.</summary>
public sealed class LookupService(WorkspaceModels workspaces, PredictionLog log, CorrectionService corrections, IOptions<AnalystOptions> analyst)
{
    /// <summary>The Lookup page answers at most this many pasted titles at once.</summary>
    public const int MaxPageTitles = 100;

    /// <summary>Nearest known titles shown per axis on the page.</summary>
    public const int NearestShown = 5;

    public string Analyst => analyst.Value.Name;

    public Task<LiveWorkspace> WorkspaceAsync(string? name, CancellationToken cancellationToken = default) => workspaces.FindAsync(name, cancellationToken);

    /// <summary>Splits pasted text into titles, one per non-empty line.</summary>
    public static IReadOnlyList<string> SplitLines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Predicts the titles with every category's probability, the explanation and the nearest titles (what the page
    /// shows), and records the lookup.
    /// </summary>
    public async Task<IReadOnlyList<TitlePrediction>> LookupForPageAsync(LiveWorkspace workspace, IReadOnlyList<string> titles, CancellationToken cancellationToken = default)
    {
        if (titles.Count > MaxPageTitles)
        {
            throw StudioProblem.BadRequest($"{titles.Count} titles were pasted; the Lookup page answers up to {MaxPageTitles} at once. Use Batches for a file.");
        }
        var model = workspace.RequireModel();
        var options = new PredictionOptions
        {
            TopN = Math.Clamp(model.Axes.Max(a => a.Count), 2, 1000),
            Explain = true,
            NearestTitles = NearestShown,
        };
        var predictions = Predict(model, titles, options, cancellationToken);
        await log.RecordAsync(workspace, model, predictions, PredictionSources.Ui, cancellationToken);
        return predictions;
    }

    /// <summary>The page's answer for one title again, after a correction; not recorded, the analyst asked nothing new.</summary>
    public TitlePrediction Repredict(LiveWorkspace workspace, string title)
    {
        var model = workspace.RequireModel();
        return model.Predict(title, new PredictionOptions { TopN = Math.Clamp(model.Axes.Max(a => a.Count), 2, 1000), Explain = true, NearestTitles = NearestShown });
    }

    /// <summary>Predicts for the API (top-N only, at least two so the review queue gets a margin) and records the call.</summary>
    public async Task<IReadOnlyList<TitlePrediction>> ClassifyAsync(LiveWorkspace workspace, IReadOnlyList<string> titles, int top, CancellationToken cancellationToken = default)
    {
        var model = workspace.RequireModel();
        var predictions = Predict(model, titles, new PredictionOptions { TopN = Math.Max(top, 2) }, cancellationToken);
        await log.RecordAsync(workspace, model, predictions, PredictionSources.Api, cancellationToken);
        return predictions;
    }

    public Task<CorrectionResult> CorrectAsync(LiveWorkspace workspace, string title, string axis, string label, CancellationToken cancellationToken = default) =>
        corrections.CorrectAsync(workspace, new CorrectionRequest(title, axis, label, Analyst, PredictionSources.Ui), cancellationToken);

    public Task<CorrectionResult> UndoAsync(LiveWorkspace workspace, long correctionId, CancellationToken cancellationToken = default) =>
        corrections.UndoAsync(workspace, correctionId, Analyst, PredictionSources.Ui, cancellationToken);

    private static IReadOnlyList<TitlePrediction> Predict(MappedClassifier model, IReadOnlyList<string> titles, PredictionOptions options, CancellationToken cancellationToken) =>
        titles.Count == 1 ? [model.Predict(titles[0], options)] : model.PredictBatch(titles, options, cancellationToken);
}
