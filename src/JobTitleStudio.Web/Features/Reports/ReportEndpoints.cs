using JobTitleStudio.Web.Features.Datasets;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static JobTitleStudio.Web.Features.Workspaces.ApiWorkspace;

namespace JobTitleStudio.Web.Features.Reports;

/// <summary>
/// <c>/api/reports</c> and <c>/api/label-changes</c>: the inconsistent titles report and relabel to majority, likely label
/// errors (a cancellable background search) and accepting its suggestions, junk and foreign titles, coverage, and undo.
/// </summary>
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
                    Csv(InconsistencyService.WriteCsv, await service.ReportAsync(found.Id, sort, cancellationToken), $"inconsistent-titles-{found.Name}.csv")))
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

        MapLabelErrors(endpoints.MapGroup(LabelErrorsRoute).WithTags("Reports"));
        MapScreeningAndCoverage(endpoints.MapGroup("/api/reports").WithTags("Reports"));

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

    public const string LabelErrorsRoute = "/api/reports/label-errors";

    /// <summary>The records to accept the suggestions of, by likely-label-error id.</summary>
    public sealed record AcceptRequest(IReadOnlyList<long>? Ids);

    private static void MapLabelErrors(RouteGroupBuilder group)
    {
        group.MapGet("", (LabelErrorService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? axis, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => TypedResults.Ok(await service.ReportAsync(found.Id, axis, cancellationToken))))
            .WithName("LikelyLabelErrors")
            .WithSummary("The last likely-label-errors search (date, model options, status) and its rows, highest loss first: per record and axis the label, its probability and loss (-ln p) under a model trained without the title, the model's suggestion and its probability, and the current label. A search in progress is in 'active' with its progress. axis= keeps one axis.")
            .Produces<LabelErrorReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/csv", (LabelErrorService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? axis, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found =>
                    Csv(LabelErrorService.WriteCsv, await service.ReportAsync(found.Id, axis, cancellationToken), $"likely-label-errors-{found.Name}.csv")))
            .WithName("LikelyLabelErrorsCsv")
            .WithSummary("The last search's likely label errors as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/run", (LabelErrorService service, WorkspaceCatalog catalog, IOptions<DatasetsOptions> options, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Accepted($"{LabelErrorsRoute}?workspace={Uri.EscapeDataString(found.Name)}", await service.StartAsync(found, options.Value.DefaultUserName, cancellationToken)))))
            .WithName("RunLikelyLabelErrors")
            .WithSummary("Start a search for likely label errors in the background: k folds of normalised titles, each scored by a model trained on the others. Poll GET for progress.")
            .Produces<LabelErrorRunView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        Delegate cancel = (LabelErrorService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
            InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                TypedResults.Ok(await service.CancelAsync(found, cancellationToken))));
        group.MapPost("/cancel", cancel)
            .WithName("CancelLikelyLabelErrors")
            .WithSummary("Cancel the workspace's queued or running search; nothing it found is kept and the last completed run stays.")
            .Produces<LabelErrorRunView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/run", cancel)
            .WithName("DeleteLikelyLabelErrorsRun")
            .WithSummary("The same as POST /cancel.")
            .Produces<LabelErrorRunView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/accept", (AcceptRequest request, LabelErrorService service, WorkspaceCatalog catalog, IOptions<DatasetsOptions> options, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await service.AcceptAsync(found.Id, request.Ids ?? [], options.Value.DefaultUserName, cancellationToken)))))
            .WithName("AcceptLabelSuggestions")
            .WithSummary("Give each chosen record the suggested label ({\"ids\": [...]} of likely label errors), recorded as one undoable label change.")
            .Produces<LabelChangeSetView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapScreeningAndCoverage(RouteGroupBuilder group)
    {
        group.MapGet("/junk", (TitleScreeningService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? kind, [FromQuery] string? language, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await service.ReportAsync(found.Id, kind, language, cancellationToken)))))
            .WithName("JunkAndForeignTitles")
            .WithSummary("Records whose title normalisation calls junk (with the reason) and titles guessed to be in another language than the main one (language=, else Reports:MainLanguage, else the most common guess). kind=junk or foreign keeps one kind.")
            .Produces<TitleScreeningView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/junk/csv", (TitleScreeningService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? kind, [FromQuery] string? language, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    Csv(TitleScreeningService.WriteCsv, await service.ReportAsync(found.Id, kind, language, cancellationToken), $"junk-and-foreign-titles-{found.Name}.csv"))))
            .WithName("JunkAndForeignTitlesCsv")
            .WithSummary("The junk and foreign titles as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/coverage", (CoverageService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] int? rareBelow, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await service.ReportAsync(found.Id, rareBelow, cancellationToken)))))
            .WithName("Coverage")
            .WithSummary("Per axis: records per category (largest first), rare categories (fewer than rareBelow records, default 5), categories with no records, and records missing a label.")
            .Produces<CoverageView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/coverage/csv", (CoverageService service, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] int? rareBelow, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    Csv(CoverageService.WriteCsv, await service.ReportAsync(found.Id, rareBelow, cancellationToken), $"coverage-{found.Name}.csv"))))
            .WithName("CoverageCsv")
            .WithSummary("The coverage report's category table as CSV, with a 'missing label' row per axis.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>A report written to memory first, so a failure answers a problem instead of a cut-off download.</summary>
    private static IResult Csv<TReport>(Action<TReport, Stream> write, TReport report, string fileName)
    {
        var buffer = new MemoryStream();
        write(report, buffer);
        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", fileName);
    }
}
