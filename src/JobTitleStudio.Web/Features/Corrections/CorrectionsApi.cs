using System.Globalization;
using System.Text.Json;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Hosting;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Corrections;

/// <summary>POST /api/corrections body; <paramref name="Who"/> is recorded as the author ("api" when absent).</summary>
public sealed record CorrectionBody(string? Title, string? Axis, string? Label, string? Who);

public sealed record CorrectionView(
    long Id, string Title, string Normalized, string Axis, string OldLabel, string NewLabel, string Kind,
    long? UndoOf, long? UndoneBy, string Who, string Source, DateTimeOffset CreatedAt)
{
    public static CorrectionView From(Correction c) =>
        new(c.Id, c.Title, c.NormalizedTitle, c.Axis, c.OldLabel, c.NewLabel, c.Kind.ToString(), c.UndoOfId, c.UndoneById, c.Author, c.Source, c.CreatedAt);
}

/// <summary>The stored correction and the title's answer right after the model learned it.</summary>
public sealed record CorrectionResponse(CorrectionView Correction, ClassifiedTitle Prediction);

public static class CorrectionsApi
{
    public const int MaxListed = 10_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapCorrectionsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/corrections").WithTags("Corrections");

        api.MapPost("/", async (HttpRequest request, string? workspace, WorkspaceModels workspaces, CorrectionService corrections, CancellationToken cancellationToken) =>
                await StudioProblem.AnswerAsync(async () =>
                {
                    var live = await workspaces.FindAsync(workspace, cancellationToken);
                    var body = await ReadBodyAsync(request, cancellationToken);
                    var result = await corrections.CorrectAsync(live, new CorrectionRequest(body.Title ?? "", body.Axis ?? "", body.Label ?? "",
                        string.IsNullOrWhiteSpace(body.Who) ? AnalystOptions.ApiDefault : body.Who.Trim(), PredictionSources.Api), cancellationToken);
                    return Respond(live, result);
                }))
            .WithName("Correct")
            .WithSummary("Stores a correction, applies it to the live model at once, and returns the title's new answer.")
            .Accepts<CorrectionBody>("application/json")
            .Produces<CorrectionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/{id:long}/undo", async (long id, string? workspace, WorkspaceModels workspaces, CorrectionService corrections, CancellationToken cancellationToken) =>
                await StudioProblem.AnswerAsync(async () =>
                {
                    var live = await workspaces.FindAsync(workspace, cancellationToken);
                    return Respond(live, await corrections.UndoAsync(live, id, AnalystOptions.ApiDefault, PredictionSources.Api, cancellationToken));
                }))
            .WithName("UndoCorrection")
            .WithSummary("Restores the label correction {id} replaced, stored as a new correction marked as its undo.")
            .Produces<CorrectionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/", async (string? since, string? workspace, WorkspaceModels workspaces, CorrectionService corrections, CancellationToken cancellationToken) =>
                await StudioProblem.AnswerAsync(async () =>
                {
                    var live = await workspaces.FindAsync(workspace, cancellationToken);
                    var page = await corrections.SearchAsync(live, new CorrectionQuery(From: ParseTime(since, "since")), 0, MaxListed, cancellationToken);
                    return Results.Ok(page.Items.Select(CorrectionView.From).ToList());
                }))
            .WithName("ListCorrections")
            .WithSummary("Corrections newest first (at most 10,000); since=ISO 8601 keeps those made at or after that time.")
            .Produces<List<CorrectionView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/export", async (HttpContext context, string? workspace, string? axis, string? text, string? from, string? to,
                    WorkspaceModels workspaces, CorrectionService corrections, CancellationToken cancellationToken) =>
                await StudioProblem.AnswerAsync(async () =>
                {
                    var live = await workspaces.FindAsync(workspace, cancellationToken);
                    var query = new CorrectionQuery(axis, text, ParseTime(from, "from"), ParseTime(to, "to"));
                    context.Response.ContentType = "text/csv; charset=utf-8";
                    context.Response.Headers.ContentDisposition = $"attachment; filename=\"corrections-{live.Name}.csv\"";
                    await corrections.ExportCsvAsync(live, query, context.Response.Body, cancellationToken);
                    return Results.Empty;
                }))
            .WithName("ExportCorrections")
            .WithSummary("The corrections as CSV (formulas neutralised for spreadsheets), filtered like the History page.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static IResult Respond(LiveWorkspace workspace, CorrectionResult result)
    {
        var model = workspace.RequireModel();
        var multiLabel = model.Axes.Where(a => a.MultiLabel).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        return Results.Ok(new CorrectionResponse(CorrectionView.From(result.Correction), ClassifiedTitle.From(result.Prediction, ClassifyRequest.DefaultTop, multiLabel)));
    }

    private static async Task<CorrectionBody> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const string example = "Send {\"title\": \"Talent acquisition manager\", \"axis\": \"Function\", \"label\": \"Human Resources\"}.";
        try
        {
            return await JsonSerializer.DeserializeAsync<CorrectionBody>(request.Body, Json, cancellationToken)
                ?? throw StudioProblem.BadRequest($"The body is empty. {example}");
        }
        catch (JsonException exception)
        {
            throw StudioProblem.BadRequest($"The body is not a valid correction ({exception.Message}). {example}");
        }
    }

    private static DateTimeOffset? ParseTime(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw StudioProblem.BadRequest($"\"{name}\" is \"{value}\", not a date-time; use ISO 8601 such as 2026-11-22T09:00:00Z.");
}
