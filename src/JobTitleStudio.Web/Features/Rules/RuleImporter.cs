using JobTitleStudio.Core.Defaults;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Features.Rules;

/// <summary>
/// Imports rules from a CSV file (<c>keyword,category,priority</c>, optional <c>axis</c>) or a JSON keyword map
/// (category → keywords) into a workspace: a preview first (new, duplicate, invalid), then the new rules as one
/// recorded, undoable change. Rows that cannot be rules are named and left out; the good ones are kept.
/// </summary>
public sealed class RuleImporter(RuleService rules)
{
    /// <summary>The seed keyword maps shipped in models/source, and the axis each fills.</summary>
    public static readonly IReadOnlyList<(string File, string Axis)> SeedMaps = [("job-areas.json", "Function"), ("job-levels.json", "Level")];

    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Reads the file and says what importing it would do; <paramref name="apply"/> also stores the new rules.</summary>
    /// <param name="axis">The axis the rules are for (a CSV row's <c>axis</c> cell overrides it).</param>
    /// <param name="priority">For a keyword map: every keyword's priority; null gives each category its position in the file.</param>
    public async Task<RuleImportPreview> ImportAsync(LiveWorkspace workspace, Stream file, string fileName, string? axis, int? priority, bool apply, string author,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var axes = await rules.AxesAsync(workspace, cancellationToken);
        if (axes.Count == 0)
        {
            throw StudioProblem.BadRequest($"Workspace {workspace.Name} has no axes yet: import a labelled file in Datasets, then import rules for its axes.");
        }
        if (string.IsNullOrWhiteSpace(axis))
        {
            throw StudioProblem.BadRequest($"Say which axis the rules are for (axis): {string.Join(", ", axes.Select(a => a.Name))}.");
        }
        var target = TaxonomyNames.Axis(axes, axis, workspace.Name);
        if (priority is < 0 or > RuleService.MaxPriority)
        {
            throw StudioProblem.BadRequest($"The priority {priority} is out of range: use a whole number from 0 to {RuleService.MaxPriority:N0}; lower wins.");
        }
        var isMap = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var read = isMap ? RuleImport.FromKeywordMap(file, target.Name, priority) : RuleImport.FromCsv(file, target.Name);
        var preview = await PreviewAsync(workspace, axes, fileName, target.Name, read, cancellationToken);
        if (!apply || preview.New == 0)
        {
            return preview;
        }
        var applied = await rules.AddManyAsync(workspace, preview.NewRules,
            $"Imported {preview.New:N0} rules from {fileName} ({preview.Duplicates:N0} duplicates and {preview.Invalid:N0} invalid left out)", author, cancellationToken);
        return preview with { Applied = applied };
    }

    /// <summary>Imports the seed keyword maps into the axes of the same name, keeping only the categories the workspace has.</summary>
    public async Task<IReadOnlyList<RuleImportPreview>> ImportSeedMapsAsync(LiveWorkspace workspace, bool apply, string author, CancellationToken cancellationToken = default)
    {
        var folder = DefaultModel.FindSourceDirectory() is { } source ? Path.Combine(source, "seed-keyword-maps") : null;
        if (folder is null || !Directory.Exists(folder))
        {
            throw StudioProblem.NotFound("The seed keyword maps (models/source/seed-keyword-maps) are not installed beside the app.");
        }
        var axes = await rules.AxesAsync(workspace, cancellationToken);
        var previews = new List<RuleImportPreview>();
        foreach (var (file, axis) in SeedMaps.Where(m => axes.Any(a => string.Equals(a.Name, m.Axis, StringComparison.OrdinalIgnoreCase))))
        {
            await using var stream = File.OpenRead(Path.Combine(folder, file));
            previews.Add(await ImportAsync(workspace, stream, file, axis, priority: null, apply, author, cancellationToken));
        }
        if (previews.Count == 0)
        {
            throw StudioProblem.BadRequest($"The seed keyword maps are for the axes {string.Join(" and ", SeedMaps.Select(m => m.Axis))}; workspace {workspace.Name} has neither.");
        }
        return previews;
    }

    private async Task<RuleImportPreview> PreviewAsync(LiveWorkspace workspace, IReadOnlyList<AxisDefinition> axes, string fileName, string axis, RuleImportResult read,
        CancellationToken cancellationToken)
    {
        var errors = new List<RuleImportError>(read.Errors);
        var existing = (await rules.ListAsync(workspace, cancellationToken: cancellationToken))
            .Select(r => (r.Axis.ToUpperInvariant(), KeywordSyntax.Key(r.Keyword))).ToHashSet();
        var fresh = new List<RuleSnapshot>();
        var duplicates = new List<string>();
        var tooLong = 0;
        var unknown = new List<(string Axis, string Category, List<string> Keywords, string Message)>();
        foreach (var rule in read.Rules)
        {
            var problem = CategoryProblem(axes, rule, workspace.Name, out var resolved);
            if (problem is not null)
            {
                var group = unknown.FirstOrDefault(u => u.Axis == rule.Axis && u.Category == rule.Category);
                if (group.Keywords is null)
                {
                    unknown.Add(group = (rule.Axis, rule.Category, [], problem));
                }
                group.Keywords.Add(rule.Keyword);
                continue;
            }
            if (rule.Keyword.Length > Data.KeywordRuleRow.MaxKeywordLength)
            {
                errors.Add(new RuleImportError(null, "keyword", $"The keyword \"{rule.Keyword[..40]}…\" has {rule.Keyword.Length} characters; a rule's keyword has at most {Data.KeywordRuleRow.MaxKeywordLength}; it was skipped."));
                tooLong++;
                continue;
            }
            if (!existing.Add((resolved!.Value.Axis.ToUpperInvariant(), KeywordSyntax.Key(rule.Keyword))))
            {
                duplicates.Add(rule.Keyword);
                continue;
            }
            fresh.Add(new RuleSnapshot(resolved.Value.Axis, rule.Keyword, resolved.Value.Category, rule.Priority, true));
        }
        // One message per unknown category rather than per keyword: a keyword map has a dozen keywords per category.
        errors.AddRange(unknown.Select(u => new RuleImportError(null, "category",
            $"{u.Message} Its {u.Keywords.Count} keyword{(u.Keywords.Count == 1 ? "" : "s")} ({string.Join(", ", u.Keywords.Take(5).Select(k => $"\"{k}\""))}{(u.Keywords.Count > 5 ? ", …" : "")}) {(u.Keywords.Count == 1 ? "was" : "were")} skipped.")));
        var invalid = read.Errors.Count + unknown.Sum(u => u.Keywords.Count) + tooLong;
        return new RuleImportPreview(fileName, axis, fresh.Count, duplicates.Count, invalid, fresh, duplicates, errors, null);
    }

    private static string? CategoryProblem(IReadOnlyList<AxisDefinition> axes, KeywordRule rule, string workspace, out (string Axis, string Category)? resolved)
    {
        resolved = null;
        try
        {
            var axis = TaxonomyNames.Axis(axes, rule.Axis, workspace);
            resolved = (axis.Name, TaxonomyNames.Category(axis, rule.Category, workspace).Name);
            return null;
        }
        catch (StudioProblem problem)
        {
            return problem.Message;
        }
    }
}
