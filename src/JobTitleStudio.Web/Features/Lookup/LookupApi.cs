using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Features.Lookup;

public static class LookupApi
{
    public static IEndpointRouteBuilder MapLookupApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Lookup");

        api.MapPost("/classify", async (HttpRequest request, string? workspace, LookupService lookup, CancellationToken cancellationToken) =>
                await StudioProblem.AnswerAsync(async () =>
                {
                    var live = await lookup.WorkspaceAsync(workspace, cancellationToken);
                    var body = await ClassifyRequest.ReadAsync(request, cancellationToken);
                    var model = live.RequireModel();
                    var top = body.Top ?? ClassifyRequest.DefaultTop;
                    var predictions = await lookup.ClassifyAsync(live, body.Titles, top, cancellationToken);
                    return Results.Ok(ClassifyResponse.From(model, predictions, top));
                }))
            .WithName("Classify")
            .WithSummary("Classifies up to 10,000 titles on every axis; results come back in input order. A junk title gets \"junk\" (the reason) and no axes.")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/axes", async (string? workspace, LookupService lookup, CancellationToken cancellationToken) =>
                await StudioProblem.AnswerAsync(async () =>
                {
                    var model = (await lookup.WorkspaceAsync(workspace, cancellationToken)).RequireModel();
                    return Results.Ok(model.Axes.Select(a => new AxisDescription(a.Name, a.MultiLabel, a.OtherCategory, a.Threshold,
                        [.. a.Categories.Select(c => new CategoryDescription(c.Name, c.Label, c.Parent))])).ToList());
                }))
            .WithName("GetAxes")
            .WithSummary("The axes of the workspace's live model, with their categories.")
            .Produces<List<AxisDescription>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return endpoints;
    }
}
