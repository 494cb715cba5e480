using System.Globalization;
using JobTitleStudio.Core.Quality;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Reports;

/// <summary>A record without a label on some axis, with the axes it lacks.</summary>
public sealed record MissingLabelRow(long RecordId, string Title, IReadOnlyList<string> MissingAxes);

/// <summary>The coverage report: per axis its categories by size, and the records missing labels (the first <see cref="CoverageService.MissingShown"/>).</summary>
public sealed record CoverageView(int Records, int RareBelow, IReadOnlyList<AxisCoverage> Axes, int RecordsMissingLabels, IReadOnlyList<MissingLabelRow> MissingLabels);

/// <summary>How well the workspace's records cover its taxonomy: category sizes, rare and empty categories, missing labels.</summary>
public sealed class CoverageService(IDbContextFactory<AppDbContext> databases, IOptions<ReportsOptions> options)
{
    public const int MissingShown = 1000;

    /// <param name="rareBelow">The rare threshold; null uses Reports:RareBelow (default 5).</param>
    public async Task<CoverageView> ReportAsync(int workspaceId, int? rareBelow = null, CancellationToken cancellationToken = default)
    {
        var threshold = rareBelow ?? options.Value.RareBelow;
        if (threshold < 1)
        {
            throw Hosting.StudioProblem.BadRequest($"rareBelow is {threshold}; use 1 or more (default {options.Value.RareBelow}).");
        }
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var axes = await db.Axes.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).OrderBy(a => a.Position)
            .Select(a => new { a.Id, a.Name, Categories = a.Categories.Select(c => c.Name).ToList() }).ToListAsync(cancellationToken);
        var records = await db.Records.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Title, Labels = r.Labels.Select(l => new { l.AxisId, l.Label }).ToList() }).ToListAsync(cancellationToken);
        var cells = records.Select(r => (r.Id, r.Title, Cells: (IReadOnlyList<string>)[.. axes.Select(a => r.Labels.FirstOrDefault(l => l.AxisId == a.Id)?.Label ?? "")])).ToList();
        var coverage = CoverageReport.Build([.. axes.Select(a => (a.Name, (IReadOnlyList<string>)a.Categories))], cells.Select(c => c.Cells), threshold);
        var missing = cells.Where(c => c.Cells.Any(l => l.Length == 0)).ToList();
        return new CoverageView(records.Count, threshold, coverage, missing.Count,
            [.. missing.Take(MissingShown).Select(c => new MissingLabelRow(c.Id, c.Title, [.. axes.Where((_, a) => c.Cells[a].Length == 0).Select(a => a.Name)]))]);
    }

    /// <summary>Writes the category table as CSV: axis, category, records, and whether it is rare or empty.</summary>
    public static void WriteCsv(CoverageView report, Stream output)
    {
        using var writer = TableWriter.Create(output, TableFileFormat.Csv, new TableWriteOptions { Utf8Bom = true }, leaveOpen: true);
        writer.WriteRow(["axis", "category", "records", "status"]);
        foreach (var axis in report.Axes)
        {
            foreach (var category in axis.Categories)
            {
                writer.WriteRow([axis.Axis, category.Category, category.Records.ToString(CultureInfo.InvariantCulture), category.Empty ? "empty" : category.Rare ? "rare" : ""]);
            }
            writer.WriteRow([axis.Axis, "", axis.RecordsMissingLabel.ToString(CultureInfo.InvariantCulture), "missing label"]);
        }
    }
}
