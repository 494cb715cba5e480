using System.Globalization;
using JobTitleStudio.Core.Quality;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Text;
using JobTitleStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Reports;

/// <summary>One flagged record as the page and the API show it.</summary>
public sealed record TitleFlagRow(long RecordId, string Title, string Kind, string? JunkKind, string? Reason, string Language, double LanguageConfidence);

/// <summary>The junk and foreign titles report: the main language it judged against, languages seen, counts by kind and reason, the rows.</summary>
public sealed record TitleScreeningView(
    int Records, string MainLanguage, bool MainLanguageIsGuessed, IReadOnlyList<KeyValuePair<string, int>> Languages,
    int Junk, int Foreign, IReadOnlyList<KeyValuePair<string, int>> ByReason, IReadOnlyList<TitleFlagRow> Rows);

/// <summary>Junk titles (with the normaliser's reason) and titles guessed to be in another language than the workspace's main one.</summary>
public sealed class TitleScreeningService(IDbContextFactory<AppDbContext> databases, IOptions<ReportsOptions> options)
{
    /// <param name="kind">"junk" or "foreign" to keep one kind; null for both.</param>
    /// <param name="language">The main language; null or empty uses Reports:MainLanguage, else the most common guess.</param>
    public async Task<TitleScreeningView> ReportAsync(int workspaceId, string? kind = null, string? language = null, CancellationToken cancellationToken = default)
    {
        TitleFlagKind? only = kind?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "junk" => TitleFlagKind.Junk,
            "foreign" => TitleFlagKind.Foreign,
            _ => throw Hosting.StudioProblem.BadRequest($"kind is \"{kind}\"; use junk or foreign (or leave it out for both)."),
        };
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var records = await db.Records.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Title }).ToListAsync(cancellationToken);
        var main = string.IsNullOrWhiteSpace(language) ? options.Value.MainLanguage : language;
        var report = await Task.Run(() => TitleScreening.Build([.. records.Select(r => (r.Id, r.Title))], TitleNormalizer.Shipped, LanguageGuesser.Shipped, main), cancellationToken);
        var byReason = report.Flags.GroupBy(f => f.Kind == TitleFlagKind.Junk ? $"junk: {f.Junk}" : $"foreign: {f.Language}")
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count())).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        return new TitleScreeningView(
            report.Records, report.MainLanguage, report.MainLanguageIsGuessed, report.Languages,
            report.Flags.Count(f => f.Kind == TitleFlagKind.Junk), report.Flags.Count(f => f.Kind == TitleFlagKind.Foreign), byReason,
            [.. report.Flags.Where(f => only is null || f.Kind == only).Select(f => new TitleFlagRow(
                f.RecordId, f.Title, f.Kind.ToString().ToLowerInvariant(), f.Junk?.ToString(), f.Reason, f.Language, Math.Round(f.LanguageConfidence, 3)))]);
    }

    /// <summary>Writes the rows as CSV: record, title, kind, junk kind and reason, guessed language and its confidence.</summary>
    public static void WriteCsv(TitleScreeningView report, Stream output)
    {
        using var writer = TableWriter.Create(output, TableFileFormat.Csv, new TableWriteOptions { Utf8Bom = true }, leaveOpen: true);
        writer.WriteRow(["record_id", "title", "kind", "junk_kind", "reason", "language", "language_confidence"]);
        foreach (var row in report.Rows)
        {
            writer.WriteRow([row.RecordId.ToString(CultureInfo.InvariantCulture), row.Title, row.Kind, row.JunkKind ?? "", row.Reason ?? "", row.Language,
                row.LanguageConfidence.ToString("0.###", CultureInfo.InvariantCulture)]);
        }
    }
}
