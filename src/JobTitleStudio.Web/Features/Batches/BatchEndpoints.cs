using System.IO.Pipelines;
using System.Text;
using JobTitleStudio.Web.Features.Workspaces;
using static JobTitleStudio.Web.Features.Workspaces.ApiWorkspace;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace JobTitleStudio.Web.Features.Batches;

/// <summary>The id of a batch just accepted, and where to follow it.</summary>
public sealed record BatchAccepted(Guid Id, BatchJobView Job, string StatusUrl, string ResultUrl);

/// <summary><c>/api/batches</c>: upload, follow, download, cancel, re-run and delete batches.</summary>
public static class BatchEndpoints
{
    public const string Route = "/api/batches";

    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapBatches(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Route).WithTags("Batches");

        group.MapPost("", UploadAsync)
            .DisableAntiforgery()
            .WithName("CreateBatch")
            .WithSummary("Upload a CSV, TSV, TXT or XLSX file (multipart field 'file'; optional form fields 'titleColumn' and 'top') and queue it for classification.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<BatchAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        group.MapGet("", (BatchService batches, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => TypedResults.Ok(await batches.ListAsync(found.Id, cancellationToken))))
            .WithName("ListBatches")
            .WithSummary("The workspace's batches, newest first.")
            .Produces<IReadOnlyList<BatchJobView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}", (Guid id, BatchService batches, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found =>
                    await batches.GetAsync(found.Id, id, cancellationToken) is { } job ? TypedResults.Ok(job) : NoSuchBatch(id)))
            .WithName("GetBatch")
            .WithSummary("Status and progress (rows done, total or its estimate, rows per second, time left), the first row issues and, once completed, the category counts per axis.")
            .Produces<BatchJobView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/result", DownloadAsync)
            .WithName("DownloadBatchResult")
            .WithSummary("The classified file: every input column unchanged and in order, then per axis <Axis>.label, .probability, .abstained and .top. format=csv (default) or xlsx.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: XlsxContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/cancel", (Guid id, BatchService batches, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => await ChangeAsync(
                    batches, found.Id, id, await batches.CancelAsync(found.Id, id, cancellationToken), TypedResults.Ok,
                    status => $"The batch is {status}; only a queued or running batch can be cancelled.", cancellationToken)))
            .WithName("CancelBatch")
            .WithSummary("Stop a running batch or withdraw a queued one; nothing of its result is kept.")
            .Produces<BatchJobView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/rerun", (Guid id, BatchService batches, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => await ChangeAsync(
                    batches, found.Id, id, await batches.RerunAsync(found.Id, id, cancellationToken), job => TypedResults.Accepted($"{Route}/{id}", job),
                    status => $"The batch is {status}; a queued or running batch cannot be run again until it ends.", cancellationToken)))
            .WithName("RerunBatch")
            .WithSummary("Queue a finished, failed, cancelled or interrupted batch again from its stored upload (from the first row, with the live model).")
            .Produces<BatchJobView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/{id:guid}", (Guid id, BatchService batches, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found =>
                    await batches.DeleteAsync(found.Id, id, cancellationToken) ? TypedResults.NoContent() : NoSuchBatch(id)))
            .WithName("DeleteBatch")
            .WithSummary("Cancel the batch if it runs, then delete its upload, its result and its record.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static Task<IResult> UploadAsync(HttpContext http, BatchService batches, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
        InWorkspaceAsync(catalog, workspace, cancellationToken, found => StageAndStartAsync(http, batches, found, cancellationToken));

    private static Task<IResult> StageAndStartAsync(HttpContext http, BatchService batches, WorkspaceSummary found, CancellationToken cancellationToken) =>
        UploadForm.HandleAsync(http, batches.Options.MaxUploadBytes, "curl -F file=@leads.csv http://host/api/batches",
            (body, fileName) => batches.StageAsync(body, fileName, cancellationToken: cancellationToken),
            async (upload, fields) =>
            {
                var column = BatchService.ResolveTitleColumn(upload.Preview, fields.Last("titleColumn"));
                var topN = batches.Options.DefaultTopN;
                if (fields.Last("top") is { Length: > 0 } top)
                {
                    topN = int.TryParse(top, out var parsed)
                        ? BatchService.ValidateTopN(parsed)
                        : throw new BatchInputException($"top is \"{top}\"; send a whole number from 1 to 1000.");
                }
                var job = await batches.StartAsync(upload, found, column, topN, cancellationToken);
                var statusUrl = $"{Route}/{job.Id}";
                return TypedResults.Accepted(statusUrl, new BatchAccepted(job.Id, job, statusUrl, $"{statusUrl}/result"));
            },
            cancellationToken);

    private static Task<IResult> DownloadAsync(Guid id, BatchService batches, WorkspaceCatalog catalog, [FromQuery] string? workspace, [FromQuery] string? format, CancellationToken cancellationToken) =>
        InWorkspaceAsync(catalog, workspace, cancellationToken, found => StreamResultAsync(id, batches, found, format, cancellationToken));

    private static async Task<IResult> StreamResultAsync(Guid id, BatchService batches, WorkspaceSummary found, string? format, CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "csv" : format.Trim().ToLowerInvariant();
        if (kind is not ("csv" or "xlsx"))
        {
            return Problem($"format is \"{format}\"; use csv or xlsx.");
        }
        if (await batches.FindResultAsync(found.Id, id, cancellationToken) is not { } result)
        {
            return await batches.GetAsync(found.Id, id, cancellationToken) is { } job
                ? Conflict($"The batch is {Name(job.Status)}; its result can be downloaded once it has completed.")
                : NoSuchBatch(id);
        }
        if (kind == "csv")
        {
            return TypedResults.PhysicalFile(result.Path, "text/csv; charset=utf-8", result.DownloadName + ".csv", enableRangeProcessing: true);
        }
        return TypedResults.Stream(async body =>
        {
            // The XLSX writer is synchronous and the response body only takes asynchronous writes: a pipe joins the two.
            var pipe = new Pipe();
            var writing = Task.Run(() =>
            {
                using var stream = pipe.Writer.AsStream();
                BatchService.WriteXlsx(result.Path, stream);
            }, CancellationToken.None);
            await pipe.Reader.CopyToAsync(body, cancellationToken);
            await pipe.Reader.CompleteAsync();
            await writing;
        }, XlsxContentType, result.DownloadName + ".xlsx");
    }

    /// <summary>The job after a cancel or re-run that happened, a 409 saying why when it could not, a 404 when there is no such job.</summary>
    private static async Task<IResult> ChangeAsync(BatchService batches, int workspaceId, Guid id, bool changed, Func<BatchJobView, IResult> done, Func<string, string> refusal, CancellationToken cancellationToken) =>
        await batches.GetAsync(workspaceId, id, cancellationToken) switch
        {
            null => NoSuchBatch(id),
            var job when changed => done(job),
            var job => Conflict(refusal(Name(job.Status))),
        };

    internal static string Name(Data.BatchStatus status) => BatchFormat.Name(status);

    private static IResult NoSuchBatch(Guid id) => Problem($"There is no batch {id} in this workspace.", StatusCodes.Status404NotFound);

    private static IResult Conflict(string detail) => Problem(detail, StatusCodes.Status409Conflict);

    private static IResult Problem(string detail, int statusCode = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(detail: detail, statusCode: statusCode);
}
