using System.Text.Json;
using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Web.Data;

namespace JobTitleStudio.Web.Features.Models;

/// <summary>What a model version was measured on and how it did, per axis.</summary>
/// <param name="MeasuredOn">The sentence every metrics screen shows: how many test records, of which datasets, split how.</param>
/// <param name="Rules">The workspace's enabled keyword rules scored on the same held-out records, per axis that had rules; null for versions trained before rules were measured.</param>
public sealed record VersionMetrics(
    int Records, int TrainRecords, int TestRecords, IReadOnlyList<string> Datasets, string MeasuredOn,
    double TrainingSeconds, IReadOnlyDictionary<string, AxisMetrics> Axes, IReadOnlyDictionary<string, RuleBaselineMetrics>? Rules = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static VersionMetrics? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<VersionMetrics>(json, Json);
}

/// <summary>A model version as the Models page and the API show it.</summary>
/// <param name="Progress">Training progress from 0 to 1 while it trains, with <paramref name="Stage"/> saying what it is doing.</param>
public sealed record ModelVersionView(
    int Number, string Name, string Workspace, string Status, bool IsLive, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt, string? Stage, double? Progress, VersionMetrics? Metrics, string? Message)
{
    public static ModelVersionView From(ModelVersion v, string workspace, TrainingState? live) => new(
        v.Number, $"v{v.Number}", workspace, v.Status.ToString().ToLowerInvariant(), v.IsLive, v.CreatedBy, v.CreatedAt, v.FinishedAt,
        live?.Stage, live?.Fraction, VersionMetrics.FromJson(v.MetricsJson), v.Message);
}

/// <summary>Where a training run is, kept in memory while it runs.</summary>
public sealed record TrainingState(string Stage, double Fraction);
