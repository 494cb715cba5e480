using JobTitleStudio.Web.Features.Datasets;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static JobTitleStudio.Web.Features.Workspaces.ApiWorkspace;

namespace JobTitleStudio.Web.Features.Reports;

/// <summary><c>/api/reports</c> and <c>/api/label-changes</c>: the inconsistent titles report, relabel to majority, undo.</summary>
public static class ReportEndpoints
{
    public const string Route = "/api/reports/inconsistent-titles";

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup(Route).WithTags("Reports");

        reports.MapGet("", (InconsistencyService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? sort, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => TypedResults.Ok(await service.ReportAsync(found.Id, sort, cancellationToken))))
            .WithName("InconsistentTitles")
            .WithSummary("Titles (by normalised form) with more than one label combination: per combination its record count, the title's total, the number of combinations, the rank and the variance of the counts. sort=total (default) or variance.")
            .Produces<InconsistencyView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapGet("/csv", (InconsistencyService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? sort, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found =>
                {
                    var report = await service.ReportAsync(found.Id, sort, cancellationToken);
                    return TypedResults.Stream(async body =>
                    {
                        using var buffer = new MemoryStream();
                        InconsistencyService.WriteCsv(report, buffer);
                        buffer.Position = 0;
                        await buffer.CopyToAsync(body, cancellationToken);
                    }, "text/csv; charset=utf-8", $"inconsistent-titles-{found.Name}.csv");
                }))
            .WithName("InconsistentTitlesCsv")
            .WithSummary("The inconsistent titles report as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapGet("/majority", (InconsistencyService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => TypedResults.Ok(await service.PreviewMajorityAsync(found.Id, cancellationToken))))
            .WithName("PreviewRelabelToMajority")
            .WithSummary("What relabel to majority would change: titles settled, records changing, and the tied titles it skips.")
            .Produces<MajorityPreview>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapPost("/majority", (InconsistencyService service, WorkspaceCatalog catalog, IOptions<DatasetsOptions> options, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await service.RelabelToMajorityAsync(found.Id, options.Value.DefaultUserName, cancellationToken)))))
            .WithName("RelabelToMajority")
            .WithSummary("Relabel every record of each inconsistent title with a majority to that majority, recorded as one undoable label change.")
            .Produces<LabelChangeSetView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var changes = endpoints.MapGroup("/api/label-changes").WithTags("Reports");

        changes.MapGet("", (InconsistencyService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => TypedResults.Ok(await service.ChangesAsync(found.Id, cancellationToken))))
            .WithName("ListLabelChanges")
            .WithSummary("The workspace's label changes (edits, relabels, undos), newest first.")
            .Produces<IReadOnlyList<LabelChangeSetView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        changes.MapPost("/{id:long}/undo", (long id, InconsistencyService service, WorkspaceCatalog catalog, IOptions<DatasetsOptions> options, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await service.UndoAsync(found.Id, id, options.Value.DefaultUserName, cancellationToken)))))
            .WithName("UndoLabelChange")
            .WithSummary("Put back the labels a change replaced, recorded as a new change marked as its undo.")
            .Produces<LabelChangeSetView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return endpoints;
    }
}
