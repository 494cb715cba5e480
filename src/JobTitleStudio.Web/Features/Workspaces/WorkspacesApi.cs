using System.Text.Json;
using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Features.Workspaces;

/// <summary>POST /api/workspaces body.</summary>
public sealed record CreateWorkspaceBody(string? Name);

/// <summary><c>/api/workspaces</c>: list and create workspaces.</summary>
public static class WorkspacesApi
{
    public const string Route = "/api/workspaces";

    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Route).WithTags("Workspaces");

        api.MapGet("/", async (WorkspaceCatalog catalog, CancellationToken cancellationToken) => TypedResults.Ok(await catalog.ListAsync(cancellationToken)))
            .WithName("ListWorkspaces")
            .WithSummary("Every workspace by name; Default holds the shipped model.")
            .Produces<IReadOnlyList<WorkspaceSummary>>();

        api.MapPost("/", async (HttpRequest request, WorkspaceCatalog catalog, CancellationToken cancellationToken) =>
                await StudioProblem.AnswerAsync(async () =>
                {
                    var body = await ReadBodyAsync(request, cancellationToken);
                    var created = await catalog.CreateAsync(body.Name, cancellationToken);
                    return TypedResults.Created($"{Route}/{Uri.EscapeDataString(created.Name)}", created);
                }))
            .WithName("CreateWorkspace")
            .WithSummary("Creates an empty workspace; import a labelled file into it (POST /api/datasets?workspace=NAME) to give it axes and categories.")
            .Accepts<CreateWorkspaceBody>("application/json")
            .Produces<WorkspaceSummary>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return endpoints;
    }

    private static async Task<CreateWorkspaceBody> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFromJsonAsync<CreateWorkspaceBody>(cancellationToken)
                ?? throw StudioProblem.BadRequest("Send a JSON body such as {\"name\": \"Agency\"}.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw StudioProblem.BadRequest($"Send a JSON body such as {{\"name\": \"Agency\"}}: {e.Message}");
        }
    }
}
