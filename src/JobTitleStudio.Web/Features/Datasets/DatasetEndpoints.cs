using JobTitleStudio.Web.Features.Batches;
using JobTitleStudio.Web.Features.Workspaces;
using static JobTitleStudio.Web.Features.Workspaces.ApiWorkspace;
using JobTitleStudio.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace JobTitleStudio.Web.Features.Datasets;

/// <summary>PUT /api/datasets/records/{id}/labels body.</summary>
public sealed record LabelEditBody(string? Axis, string? Label, string? Who);

/// <summary><c>/api/datasets</c>: import labelled files, follow imports, list them, browse and edit records.</summary>
public static class DatasetEndpoints
{
    public const string Route = "/api/datasets";

    public static RouteGroupBuilder MapDatasets(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Route).WithTags("Datasets");

        group.MapPost("", (HttpContext http, DatasetService datasets, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => UploadForm.HandleAsync(
                    http, datasets.Limit, "curl -F file=@labelled.csv -F titleColumn=Title -F labelColumns=Function,Level http://host/api/datasets",
                    (body, fileName) => datasets.StageAsync(body, fileName, cancellationToken: cancellationToken),
                    async (upload, fields) =>
                    {
                        var title = BatchService.ResolveTitleColumn(upload.Preview, fields.Last("titleColumn"));
                        var labels = DatasetService.ResolveLabelColumns(upload.Preview, title, fields.GetValueOrDefault("labelColumns") ?? []);
                        var dataset = await datasets.StartAsync(upload, found, title, labels, cancellationToken);
                        return TypedResults.Accepted($"{Route}/{dataset.Id}", dataset);
                    },
                    cancellationToken)))
            .DisableAntiforgery()
            .WithName("ImportDataset")
            .WithSummary("Upload a labelled CSV, TSV, TXT or XLSX file (multipart field 'file'; 'titleColumn'; 'labelColumns': one or more columns, comma-separated or repeated, each optionally 'Column=Axis' to fill an axis of another name) and import it in the background.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<DatasetView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        group.MapGet("", (DatasetService datasets, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => TypedResults.Ok(await datasets.ListAsync(found, cancellationToken))))
            .WithName("ListDatasets")
            .WithSummary("The workspace's datasets, newest first, with their row counts and the first rows missing a title or a label.")
            .Produces<IReadOnlyList<DatasetView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:int}", (int id, DatasetService datasets, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found =>
                    await datasets.GetAsync(found, id, cancellationToken) is { } dataset
                        ? TypedResults.Ok(dataset)
                        : TypedResults.Problem(detail: $"There is no dataset {id} in this workspace.", statusCode: StatusCodes.Status404NotFound)))
            .WithName("GetDataset")
            .WithSummary("One dataset: its import status and counts (rows read, records imported, rows missing a title or a label).")
            .Produces<DatasetView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:int}/cancel", (int id, DatasetService datasets, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await datasets.CancelAsync(found, id, cancellationToken)))))
            .WithName("CancelDatasetImport")
            .WithSummary("Cancel a queued or running import: it ends as cancelled and the records it imported are removed.")
            .Produces<DatasetView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/axes", (DatasetService datasets, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => TypedResults.Ok(await datasets.AxesAsync(found.Id, cancellationToken))))
            .WithName("ListAxes")
            .WithSummary("The workspace's taxonomy as its datasets define it: axes in import order, each with its categories.")
            .Produces<IReadOnlyList<AxisView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/records", (DatasetService datasets, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? axis,
                    [FromQuery] string? label, [FromQuery] string? source, [FromQuery] int? skip, [FromQuery] int? take, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                {
                    var filter = new RecordFilter(axis, label, ParseSource(source));
                    return TypedResults.Ok(await datasets.BrowseAsync(found.Id, filter, Math.Max(skip ?? 0, 0), Math.Clamp(take ?? 50, 1, 1000), cancellationToken));
                })))
            .WithName("BrowseRecords")
            .WithSummary("A page of the workspace's records (skip, take up to 1000), filtered on one axis by label and/or label source (imported, rule, analyst, model).")
            .Produces<RecordPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/records/{id:long}/labels", (long id, LabelEditBody body, DatasetService datasets, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await datasets.EditLabelAsync(found.Id, id, body.Axis ?? "", body.Label ?? "",
                        string.IsNullOrWhiteSpace(body.Who) ? "api" : body.Who.Trim(), cancellationToken)))))
            .WithName("EditRecordLabel")
            .WithSummary("Set a record's label on an axis; its label source becomes analyst and the change is recorded.")
            .Produces<RecordView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static Data.LabelSource? ParseSource(string? source) =>
        string.IsNullOrWhiteSpace(source) ? null
        : Enum.TryParse<Data.LabelSource>(source, ignoreCase: true, out var parsed) ? parsed
        : throw StudioProblem.BadRequest($"source is \"{source}\"; use imported, rule, analyst or model.");
}
