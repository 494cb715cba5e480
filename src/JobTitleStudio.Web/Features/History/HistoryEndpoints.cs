using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using static JobTitleStudio.Web.Features.Workspaces.ApiWorkspace;

namespace JobTitleStudio.Web.Features.History;

/// <summary><c>/api/history</c>: every correction, label change, taxonomy change and rule change of a workspace; export; undo.</summary>
public static class HistoryEndpoints
{
    public const string Route = "/api/history";

    public static RouteGroupBuilder MapHistory(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Route).WithTags("History");

        group.MapGet("", (HistoryService history, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? kind, [FromQuery] string? axis,
                    [FromQuery] string? text, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] int? skip, [FromQuery] int? take,
                    CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () => TypedResults.Ok(
                    await history.SearchAsync(found.Id, new HistoryQuery(kind, axis, text, from, to), Math.Max(skip ?? 0, 0), Math.Clamp(take ?? 50, 1, 1000), cancellationToken)))))
            .WithName("ListHistory")
            .WithSummary("Corrections, label changes, taxonomy changes and rule changes, newest first (skip, take up to 1000), filtered by kind (correction, label, taxonomy, rule), axis, text and time [from, to).")
            .Produces<HistoryResults>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/export", (HttpContext http, HistoryService history, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? kind,
                    [FromQuery] string? axis, [FromQuery] string? text, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                {
                    using var buffer = new MemoryStream();
                    await history.ExportCsvAsync(found.Id, new HistoryQuery(kind, axis, text, from, to), buffer, cancellationToken);
                    return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", $"history-{found.Name}.csv");
                })))
            .WithName("ExportHistory")
            .WithSummary("The filtered history as CSV, newest first: " + string.Join(",", HistoryService.ExportColumns) + ".")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/undo", (string id, HistoryService history, WorkspaceModels workspaces, [FromQuery] string? workspace, [FromQuery] string? who,
                    CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () => TypedResults.Ok(await history.UndoAsync(await workspaces.FindAsync(workspace, cancellationToken), id,
                    string.IsNullOrWhiteSpace(who) ? AnalystOptions.ApiDefault : who.Trim(), cancellationToken))))
            .WithName("UndoHistoryEntry")
            .WithSummary("Undo a correction (C<n>), label change or taxonomy change (L<n>) or rule change (R<n>); the undo is a new entry.")
            .Produces<HistoryUndoResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }
}
