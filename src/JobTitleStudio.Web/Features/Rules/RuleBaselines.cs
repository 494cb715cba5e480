using JobTitleStudio.Core.Rules;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Core.Training;
using JobTitleStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Rules;

/// <summary>The workspace's enabled rules scored as a classifier on the records a model version is measured on.</summary>
public static class RuleBaselines
{
    /// <param name="cells">Each title's label cells, one per axis in <paramref name="axes"/> order.</param>
    /// <returns>Per axis that has enabled rules, how the rules alone do; axes without rules are left out.</returns>
    public static async Task<IReadOnlyDictionary<string, RuleBaselineMetrics>> MeasureAsync(AppDbContext db, int workspaceId, IReadOnlyList<AxisDefinition> axes,
        IReadOnlyList<string> titles, IReadOnlyList<string[]> cells, CancellationToken cancellationToken)
    {
        var rows = await db.KeywordRules.AsNoTracking().Where(r => r.WorkspaceId == workspaceId && r.Enabled).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var compiled = CompiledRules.From(rows);
        var measured = new Dictionary<string, RuleBaselineMetrics>(StringComparer.Ordinal);
        for (var a = 0; a < axes.Count; a++)
        {
            if (compiled.ForAxis(axes[a].Name) is not { } rules)
            {
                continue;
            }
            var axis = axes[a];
            // A multi-label row counts as right when the rule gives its first label, as the model is scored.
            var labels = cells.Select(c => LabelledAxes.SplitLabels(c[a], axis.MultiLabel) is [var first, ..] ? first : "").ToList();
            measured[axis.Name] = RuleBaseline.Evaluate(rules, titles, labels);
        }
        return measured;
    }
}
