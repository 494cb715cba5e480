using System.Text.Json;
using System.Text.Json.Serialization;
using JobTitleStudio.Core.Batches;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Web.Data;

namespace JobTitleStudio.Web.Features.Batches;

/// <summary>A problem found in the file, placed by row, line and column where it applies.</summary>
/// <param name="Kind">MissingCells, ExtraCells, CellTooLong, TextAfterQuote, or StoppedReading when the rest of the file could not be read.</param>
public sealed record BatchIssue(string Kind, long? Row, long? Line, int? Column, string? ColumnName, string Message)
{
    public const string StoppedReading = nameof(StoppedReading);

    public static BatchIssue From(TableIssue issue) =>
        new(issue.Kind.ToString(), issue.RowNumber, issue.LineNumber, issue.ColumnNumber, issue.ColumnName, issue.Message);

    public static BatchIssue From(TableFormatException error) =>
        new(StoppedReading, error.RowNumber, error.LineNumber, error.ColumnNumber, null, error.Message);
}

/// <summary>What a finished run leaves beyond its counters; stored as the job's JSON summary.</summary>
public sealed record BatchDetails(IReadOnlyList<BatchIssue> Issues, IReadOnlyList<AxisCounts> Axes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BatchDetails From(BatchSummary summary) =>
        new([.. summary.Issues.Select(BatchIssue.From), .. summary.StoppedBy is { } error ? [BatchIssue.From(error)] : Array.Empty<BatchIssue>()], summary.Axes);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BatchDetails? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<BatchDetails>(json, Json);
}

/// <summary>A batch as the jobs list, the progress bar and <c>GET /api/batches/{id}</c> show it.</summary>
/// <param name="Total">Rows in the file: exact once read to the end, an estimate from the bytes read while running (<paramref name="TotalIsEstimate"/>), null before.</param>
/// <param name="Issues">The first row issues (null in lists).</param>
/// <param name="Axes">Per axis, how many rows each category won (null in lists and until the run completes).</param>
public sealed record BatchJobView(
    Guid Id,
    string Workspace,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<BatchStatus>))] BatchStatus Status,
    string FileName,
    long InputBytes,
    string TitleColumn,
    int Top,
    string CreatedBy,
    string? Model,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    long Processed,
    long? Total,
    bool TotalIsEstimate,
    double RowsPerSecond,
    double? SecondsLeft,
    long Classified,
    long Abstained,
    long Junk,
    long RowsWithIssues,
    long ResultBytes,
    string? Message,
    IReadOnlyList<BatchIssue>? Issues,
    IReadOnlyList<AxisCounts>? Axes)
{
    public bool IsActive => Status is BatchStatus.Queued or BatchStatus.Running;

    public bool HasResult => Status == BatchStatus.Completed;

    public double? Percent => Status == BatchStatus.Completed ? 100 : Total is > 0 ? Math.Min(100, 100.0 * Processed / Total.Value) : null;

    internal static BatchJobView From(BatchJob job, string workspace, LiveProgress? live, bool withDetails)
    {
        var details = withDetails ? BatchDetails.FromJson(job.SummaryJson) : null;
        var end = job.FinishedAt ?? (job.Status == BatchStatus.Running ? DateTimeOffset.UtcNow : null);
        var duration = job.StartedAt is { } start && end is { } stop ? (stop - start).TotalSeconds : (double?)null;
        var processed = live?.Rows ?? job.RowsProcessed;
        var speed = live?.RowsPerSecond ?? (duration is > 0 ? job.RowsProcessed / duration.Value : 0);
        return new BatchJobView(
            job.Id, workspace, job.Status, job.FileName, job.InputBytes, job.TitleColumnName, job.TopN, job.CreatedBy, job.ModelVersion,
            job.CreatedAt, job.StartedAt, job.FinishedAt, duration,
            processed, job.RowsTotal ?? live?.Total, job.RowsTotal is null, Math.Round(speed, 1), live?.TimeLeft?.TotalSeconds is { } left ? Math.Round(left, 1) : null,
            job.Classified, job.Abstained, job.Junk, job.RowsWithIssues, job.ResultBytes, job.Message,
            details?.Issues ?? (withDetails ? [] : null), details?.Axes);
    }
}

/// <summary>Enum values as the API spells them ("running"), while the database keeps the C# names.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
