using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using static JobTitleStudio.Web.Features.Workspaces.ApiWorkspace;

namespace JobTitleStudio.Web.Features.Models;

/// <summary><c>/api/models</c>: train model versions of a workspace, compare them, make one live.</summary>
public static class ModelVersionEndpoints
{
    public const string Route = "/api/models";

    public static RouteGroupBuilder MapModelVersions(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Route).WithTags("Models");

        group.MapPost("/train", (ModelVersionService versions, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                {
                    var version = await versions.StartAsync(found, cancellationToken);
                    return TypedResults.Accepted($"{Route}/{version.Number}", version);
                })))
            .WithName("TrainModelVersion")
            .WithSummary("Train a new version from the workspace's records in the background: measured on 20 % of the normalised titles held out, then trained on every record.")
            .Produces<ModelVersionView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("", (ModelVersionService versions, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => TypedResults.Ok(await versions.ListAsync(found, cancellationToken))))
            .WithName("ListModelVersions")
            .WithSummary("The workspace's model versions, oldest first, with their metrics per axis and which one is live.")
            .Produces<IReadOnlyList<ModelVersionView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{number:int}", (int number, ModelVersionService versions, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found =>
                    await versions.GetAsync(found, number, cancellationToken) is { } version
                        ? TypedResults.Ok(version)
                        : TypedResults.Problem(detail: $"Workspace {found.Name} has no model version v{number}.", statusCode: StatusCodes.Status404NotFound)))
            .WithName("GetModelVersion")
            .WithSummary("One version: its training progress, or its metrics once trained.")
            .Produces<ModelVersionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{number:int}/live", (int number, ModelVersionService versions, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await versions.MakeLiveAsync(found, number, cancellationToken)))))
            .WithName("MakeModelVersionLive")
            .WithSummary("Make the version the workspace's live model: Lookup, POST /api/classify and batches answer with it from now on.")
            .Produces<ModelVersionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{number:int}/cancel", (int number, ModelVersionService versions, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await versions.CancelAsync(found, number, cancellationToken)))))
            .WithName("CancelModelVersion")
            .WithSummary("Cancel a queued or training version: it ends as cancelled, keeps no model file and can never go live.")
            .Produces<ModelVersionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }
}
