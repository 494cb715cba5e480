using System.Globalization;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Rules;

/// <summary>A title of the workspace's records that rules of different categories match on an axis.</summary>
/// <param name="Rules">The matching rules, winner first, as "keyword → category (priority)".</param>
public sealed record RuleConflictRow(string Title, int Records, string Axis, string Winner, IReadOnlyList<string> Categories, IReadOnlyList<string> Rules);

/// <summary>A title whose winning rule gives another category than the live model predicts.</summary>
/// <param name="Label">The title's most frequent label on the axis in the records ("" when none).</param>
public sealed record RuleDisagreementRow(string Title, int Records, string Axis, string RuleCategory, string RuleKeyword, string ModelCategory, double ModelProbability, string Label);

/// <summary>The rule reports of a workspace, measured on the distinct titles of its records.</summary>
/// <param name="Titles">Distinct titles read (the most frequent <see cref="RuleReportService.MaxTitles"/> when <paramref name="Capped"/>).</param>
/// <param name="ModelNote">Why there are no disagreements to show, when the workspace has no live model.</param>
public sealed record RuleReportView(
    int Records, int Titles, bool Capped, IReadOnlyList<RuleConflictRow> Conflicts, IReadOnlyList<RuleDisagreementRow> Disagreements,
    IReadOnlyList<AxisSuggestions> Suggestions, string? ModelNote)
{
    public static RuleReportView Empty { get; } = new(0, 0, false, [], [], [], null);
}

/// <summary>Keyword suggestions of one axis, from its labelled records.</summary>
public sealed record AxisSuggestions(string Axis, IReadOnlyList<KeywordSuggestion> Suggestions);

/// <summary>
/// Rule conflicts, rules-versus-model disagreements and keyword suggestions over a workspace's records. Suggestions are
/// words over-represented in a category's titles, so they exist before any model is trained and say plainly how many
/// titles back them; with a live model that knows the axis, the words it finds strongest alone for the category come first.
/// </summary>
public sealed class RuleReportService(IDbContextFactory<AppDbContext> databases, RuleService rules)
{
    /// <summary>Distinct titles the reports read at most, the most frequent first: enough to find what matters, quick to predict.</summary>
    public const int MaxTitles = 20_000;

    public const int SuggestionsPerCategory = 5;

    public async Task<RuleReportView> ReportAsync(LiveWorkspace workspace, CancellationToken cancellationToken = default)
    {
        var (axes, titles, records) = await LoadAsync(workspace.Id, cancellationToken);
        if (titles.Count == 0)
        {
            return RuleReportView.Empty;
        }
        var compiled = await rules.CompiledAsync(workspace, cancellationToken);
        var capped = titles.Count > MaxTitles;
        var read = titles.Take(MaxTitles).ToList();

        var conflicts = new List<RuleConflictRow>();
        foreach (var title in read)
        {
            foreach (var axis in compiled.Rules.Axes)
            {
                var evaluation = compiled.Rules.ForAxis(axis).Evaluate(title.Title);
                if (evaluation.HasConflict)
                {
                    conflicts.Add(new RuleConflictRow(title.Title, title.Records, evaluation.Axis, evaluation.Category!, evaluation.Categories,
                        [.. evaluation.Matches.Select(m => $"\"{m.Rule.Keyword}\" → {m.Rule.Category} ({m.Rule.Priority.ToString(CultureInfo.InvariantCulture)})")]));
                }
            }
        }

        var disagreements = new List<RuleDisagreementRow>();
        var model = workspace.Model;
        if (model is not null)
        {
            var ruled = model.Axes.Select(a => a.Name).Where(a => compiled.ForAxis(a) is not null).ToList();
            if (ruled.Count > 0)
            {
                var predictions = model.PredictBatch([.. read.Select(t => t.Title)], new PredictionOptions { TopN = 1, Axes = ruled }, cancellationToken);
                for (var i = 0; i < read.Count; i++)
                {
                    foreach (var axis in ruled)
                    {
                        var winner = compiled.ForAxis(axis)!.Evaluate(read[i].Title).Winner;
                        var predicted = predictions[i][axis];
                        if (winner is not null && !string.Equals(winner.Rule.Category, predicted.Label, StringComparison.Ordinal))
                        {
                            disagreements.Add(new RuleDisagreementRow(read[i].Title, read[i].Records, axis, winner.Rule.Category, winner.Rule.Keyword,
                                predicted.Label, predicted.Probability, read[i].Labels.GetValueOrDefault(axis) ?? ""));
                        }
                    }
                }
            }
        }

        var suggestions = axes
            .Select(axis => new AxisSuggestions(axis, KeywordSuggestions.FromRecords(
                records.Select(r => r.Title).ToList(), records.Select(r => r.Labels.GetValueOrDefault(axis) ?? "").ToList(),
                compiled.ForAxis(axis), SuggestionsPerCategory, modelProbability: WordAlone(model, axis))))
            .Where(s => s.Suggestions.Count > 0)
            .ToList();

        return new RuleReportView(records.Count, read.Count, capped,
            [.. conflicts.OrderByDescending(c => c.Records).ThenBy(c => c.Title, StringComparer.Ordinal)],
            [.. disagreements.OrderByDescending(d => d.ModelProbability).ThenByDescending(d => d.Records)],
            suggestions,
            model is null ? workspace.Status.Detail : null);
    }

    /// <summary>The live model's probability of a category for a word alone, each word predicted once; null without a model of the axis.</summary>
    private static Func<string, string, double>? WordAlone(MappedClassifier? model, string axis)
    {
        if (model is null || !model.Axes.Any(a => string.Equals(a.Name, axis, StringComparison.Ordinal)))
        {
            return null;
        }
        var options = new PredictionOptions { TopN = 10, Axes = [axis] };
        var predicted = new Dictionary<string, AxisPrediction>(StringComparer.Ordinal);
        return (word, category) =>
        {
            if (!predicted.TryGetValue(word, out var prediction))
            {
                predicted[word] = prediction = model.Predict(word, options)[axis];
            }
            return prediction.Top.FirstOrDefault(s => string.Equals(s.Category, category, StringComparison.Ordinal))?.Probability ?? 0;
        };
    }

    public static void WriteConflictsCsv(RuleReportView report, Stream output) => Write(output,
        ["title", "records", "axis", "winner", "categories", "rules"],
        report.Conflicts.Select(c => new[] { c.Title, Text(c.Records), c.Axis, c.Winner, string.Join("; ", c.Categories), string.Join("; ", c.Rules) }));

    public static void WriteDisagreementsCsv(RuleReportView report, Stream output) => Write(output,
        ["title", "records", "axis", "rule_category", "rule_keyword", "model_category", "model_probability", "label"],
        report.Disagreements.Select(d => new[] { d.Title, Text(d.Records), d.Axis, d.RuleCategory, d.RuleKeyword, d.ModelCategory,
            d.ModelProbability.ToString("0.####", CultureInfo.InvariantCulture), d.Label }));

    public static void WriteSuggestionsCsv(RuleReportView report, Stream output) => Write(output,
        ["axis", "category", "keyword", "records", "total", "precision", "lift", "model_probability"],
        report.Suggestions.SelectMany(a => a.Suggestions.Select(s => new[] { a.Axis, s.Category, s.Keyword, Text(s.Records), Text(s.Total),
            s.Precision.ToString("0.####", CultureInfo.InvariantCulture), s.Lift.ToString("0.##", CultureInfo.InvariantCulture),
            s.ModelProbability?.ToString("0.####", CultureInfo.InvariantCulture) ?? "" })));

    /// <summary>Formula neutralisation stays on (the default): titles are user data and the file goes to spreadsheets.</summary>
    private static void Write(Stream output, string[] header, IEnumerable<string[]> rows)
    {
        using var writer = TableWriter.Create(output, TableFileFormat.Csv, new TableWriteOptions { Utf8Bom = true }, leaveOpen: true);
        writer.WriteRow(header);
        foreach (var row in rows)
        {
            writer.WriteRow(row);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The workspace's axes, its distinct titles (most records first) with their most frequent label per axis, and every record.</summary>
    private async Task<(IReadOnlyList<string> Axes, List<TitleCount> Titles, List<RecordRow> Records)> LoadAsync(int workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var axes = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).OrderBy(a => a.Position)
            .Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var rows = await db.Records.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Id)
            .Select(r => new { r.Title, Labels = r.Labels.Select(l => new { l.AxisId, l.Label }).ToList() })
            .ToListAsync(cancellationToken);
        var records = rows.Select(r => new RecordRow(r.Title, r.Labels
                .Where(l => l.Label != "")
                .Select(l => (Axis: axes.FirstOrDefault(a => a.Id == l.AxisId)?.Name, l.Label))
                .Where(l => l.Axis is not null)
                .ToDictionary(l => l.Axis!, l => l.Label, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        var titles = records.GroupBy(r => r.Title, StringComparer.Ordinal)
            .Select(g => new TitleCount(g.Key, g.Count(), axes.Select(a => (a.Name, Label: g
                    .Select(r => r.Labels.GetValueOrDefault(a.Name)).Where(l => l is not null)
                    .GroupBy(l => l!, StringComparer.Ordinal).OrderByDescending(l => l.Count()).Select(l => l.Key).FirstOrDefault()))
                .Where(l => l.Label is not null)
                .ToDictionary(l => l.Name, l => l.Label!, StringComparer.OrdinalIgnoreCase)))
            .OrderByDescending(t => t.Records).ThenBy(t => t.Title, StringComparer.Ordinal)
            .ToList();
        return ([.. axes.Select(a => a.Name)], titles, records);
    }

    private sealed record RecordRow(string Title, Dictionary<string, string> Labels);

    private sealed record TitleCount(string Title, int Records, Dictionary<string, string> Labels);
}
