using System.Text.Json;
using JobTitleStudio.Web.Data;

namespace JobTitleStudio.Web.Features.Datasets;

/// <summary>A label column of an imported file and the axis of the workspace it fills.</summary>
/// <param name="Column">0-based, as the reader counts columns.</param>
public sealed record LabelColumn(int Column, string ColumnName, string Axis);

/// <summary>A dataset as the page and the API show it; <c>Progress</c> (0 to 1) is how much of the file a running import has read.</summary>
public sealed record DatasetView(
    int Id, string Workspace, string FileName, string Status, string TitleColumn, IReadOnlyList<LabelColumn> LabelColumns,
    long RowsRead, long RecordsImported, long RowsMissingTitle, IReadOnlyList<long> FirstRowsMissingTitle,
    long RowsMissingLabel, IReadOnlyList<long> FirstRowsMissingLabel, string ImportedBy, DateTimeOffset ImportedAt,
    DateTimeOffset? FinishedAt, string? Message, double? Progress = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DatasetView From(Dataset d, string workspace) => new(
        d.Id, workspace, d.FileName, d.Status.ToString().ToLowerInvariant(), d.TitleColumnName, ReadColumns(d.LabelColumnsJson),
        d.RowsRead, d.RecordsImported, d.RowsMissingTitle, RowNumbers(d.MissingTitleRows),
        d.RowsMissingLabel, RowNumbers(d.MissingLabelRows), d.ImportedBy, d.ImportedAt, d.FinishedAt, d.Message);

    public static string WriteColumns(IReadOnlyList<LabelColumn> columns) => JsonSerializer.Serialize(columns, Json);

    public static IReadOnlyList<LabelColumn> ReadColumns(string json) => JsonSerializer.Deserialize<List<LabelColumn>>(json, Json) ?? [];

    private static long[] RowNumbers(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => long.Parse(n, System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>One axis of the workspace's taxonomy with its categories, by name.</summary>
public sealed record AxisView(int Id, string Name, IReadOnlyList<string> Categories);

/// <summary>A record's label on one axis and where it came from.</summary>
public sealed record RecordLabelView(string Axis, string Label, string Source);

/// <summary>One record as the browser shows it.</summary>
public sealed record RecordView(long Id, int DatasetId, long RowNumber, string Title, string Normalized, IReadOnlyList<RecordLabelView> Labels)
{
    public RecordLabelView? On(string axis) => Labels.FirstOrDefault(l => l.Axis == axis);
}

/// <summary>A page of records and how many match in all.</summary>
public sealed record RecordPage(IReadOnlyList<RecordView> Items, int Total);

/// <summary>The records browser's filters: an axis, and on it a label and/or a label source.</summary>
public sealed record RecordFilter(string? Axis = null, string? Label = null, LabelSource? Source = null);
