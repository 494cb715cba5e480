using System.Globalization;
using JobTitleStudio.Web.Data;
using Radzen;

namespace JobTitleStudio.Web.Features.Batches;

/// <summary>Numbers, sizes and durations as the batch screens print them.</summary>
public static class BatchFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };

    public static string Duration(double? seconds) => seconds switch
    {
        null => "—",
        < 1 => "under 1 s",
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)} min {(int)(seconds % 60):00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60):00} min"),
    };

    public static string Percent(double? percent) => percent is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p:0} %") : "—";

    public static string Name(BatchStatus status) => status.ToString().ToLowerInvariant();

    public static BadgeStyle Badge(BatchStatus status) => status switch
    {
        BatchStatus.Completed => BadgeStyle.Success,
        BatchStatus.Running => BadgeStyle.Info,
        BatchStatus.Queued => BadgeStyle.Secondary,
        BatchStatus.Failed => BadgeStyle.Danger,
        _ => BadgeStyle.Warning,
    };

    /// <summary>"12,345 of about 1,600,000 rows" while the total is estimated, "of 1,600,000" once known.</summary>
    public static string RowsDone(BatchJobView job) => job.Total is { } total
        ? string.Create(CultureInfo.InvariantCulture, $"{Count(job.Processed)} of {(job.TotalIsEstimate ? "about " : "")}{Count(total)} rows")
        : string.Create(CultureInfo.InvariantCulture, $"{Count(job.Processed)} rows");

    public static string ResultUrl(Guid id, string format) => $"{BatchEndpoints.Route}/{id}/result?format={format}";
}
