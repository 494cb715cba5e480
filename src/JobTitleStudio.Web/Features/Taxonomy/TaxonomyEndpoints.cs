using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Features.Batches;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using static JobTitleStudio.Web.Features.Workspaces.ApiWorkspace;

namespace JobTitleStudio.Web.Features.Taxonomy;

public sealed record AddCategoryBody(string? Name, string? Parent, string? Who);

public sealed record RenameBody(string? Category, string? NewName, string? Who);

public sealed record MergeBody(string? Category, string? Into, string? Who);

public sealed record SplitBody(string? Category, string? NewName, IReadOnlyList<string>? Titles, IReadOnlyList<string>? Keywords, string? Parent, string? Who);

public sealed record ParentBody(string? Category, string? Parent, string? Who);

public sealed record MappingRowBody(string? From, string? To, string? Parent);

public sealed record MapBody(IReadOnlyList<MappingRowBody>? Rows, string? Who);

/// <summary>A mapping file that could not be read whole: every problem, by row and column.</summary>
public sealed record MappingErrorsView(string Detail, IReadOnlyList<CategoryMappingError> Errors);

/// <summary>
/// <c>/api/taxonomy</c>: the workspace's taxonomy as trees, and its edits. Every edit takes <c>?preview=true</c> to answer
/// what it would do (records affected, categories added and removed) without doing it.
/// </summary>
public static class TaxonomyEndpoints
{
    public const string Route = "/api/taxonomy";

    public static RouteGroupBuilder MapTaxonomy(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Route).WithTags("Taxonomy");

        group.MapGet("", (TaxonomyService taxonomy, WorkspaceCatalog catalog, [FromQuery] string? workspace, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, async found => TypedResults.Ok(await taxonomy.GetAsync(found.Id, found.Name, cancellationToken))))
            .WithName("GetTaxonomy")
            .WithSummary("The workspace's axes, each a tree of categories (parents before children) with the number of records carrying each.")
            .Produces<TaxonomyView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapEdit<AddCategoryBody>(group, "/{axis}/categories", "AddCategory", "Add a category to the axis, optionally under a parent.",
            b => new AddCategoryEdit(b.Name, b.Parent), b => b.Who);
        MapEdit<RenameBody>(group, "/{axis}/rename", "RenameCategory", "Rename a category; its records, children and corrections follow.",
            b => new RenameEdit(b.Category, b.NewName), b => b.Who);
        MapEdit<MergeBody>(group, "/{axis}/merge", "MergeCategories", "Merge a category into another: its records and corrections take the other's name, its children move under it.",
            b => new MergeEdit(b.Category, b.Into), b => b.Who);
        MapEdit<SplitBody>(group, "/{axis}/split", "SplitCategory", "Create a category and move to it the records of a category whose title is one of 'titles' or that a keyword of 'keywords' matches.",
            b => new SplitEdit(b.Category, b.NewName, b.Titles, b.Keywords, b.Parent), b => b.Who);
        MapEdit<ParentBody>(group, "/{axis}/parent", "SetCategoryParent", "Put a category under a parent, or at the top when 'parent' is empty.",
            b => new ParentEdit(b.Category, b.Parent), b => b.Who);
        MapEdit<MapBody>(group, "/{axis}/map", "MapTaxonomy", "Cast the axis into a new taxonomy: rows from,to (and optionally parent), applied to every record at once.",
            b => new MapEdit([.. (b.Rows ?? []).Select(r => new CategoryMappingRow(r.From ?? "", r.To ?? "", r.Parent))]), b => b.Who);

        group.MapPost("/{axis}/map/csv", (string axis, HttpContext http, TaxonomyService taxonomy, WorkspaceCatalog catalog, [FromQuery] string? workspace,
                    [FromQuery] bool? preview, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () =>
                {
                    var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : null;
                    var file = form?.Files.GetFile("file") ?? throw StudioProblem.BadRequest(
                        "Send the mapping as a multipart file field 'file': curl -F file=@mapping.csv \"http://host/api/taxonomy/Function/map/csv?preview=true\"");
                    await using var stream = file.OpenReadStream();
                    var read = CategoryMapping.Read(stream);
                    if (read.Errors.Count > 0)
                    {
                        return Results.BadRequest(new MappingErrorsView($"The mapping file has {read.Errors.Count} problems; fix them and upload it again.", read.Errors));
                    }
                    var edit = new MapEdit(read.Rows);
                    var who = form.TryGetValue("who", out var named) && !string.IsNullOrWhiteSpace(named) ? named.ToString().Trim() : "api";
                    return Results.Ok(preview == true
                        ? await taxonomy.PreviewAsync(found.Id, found.Name, axis, edit, cancellationToken)
                        : await taxonomy.ApplyAsync(found.Id, found.Name, axis, edit, who, cancellationToken));
                })))
            .DisableAntiforgery()
            .WithName("MapTaxonomyFromFile")
            .WithSummary("The same as /map from a CSV, TSV or XLSX file (multipart field 'file') with the columns from,to and optionally parent; unreadable rows answer 400 with each row and column.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<TaxonomyPlanView>()
            .Produces<MappingErrorsView>(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static void MapEdit<TBody>(RouteGroupBuilder group, string pattern, string name, string summary, Func<TBody, TaxonomyEdit> edit, Func<TBody, string?> who) =>
        group.MapPost(pattern, (string axis, TBody body, TaxonomyService taxonomy, WorkspaceCatalog catalog, [FromQuery] string? workspace,
                    [FromQuery] bool? preview, CancellationToken cancellationToken) =>
                InWorkspaceAsync(catalog, workspace, cancellationToken, found => StudioProblem.AnswerAsync(async () => TypedResults.Ok(preview == true
                    ? await taxonomy.PreviewAsync(found.Id, found.Name, axis, edit(body), cancellationToken)
                    : await taxonomy.ApplyAsync(found.Id, found.Name, axis, edit(body), string.IsNullOrWhiteSpace(who(body)) ? "api" : who(body)!.Trim(), cancellationToken)))))
            .WithName(name)
            .WithSummary(summary + " With ?preview=true nothing changes and the answer says what would.")
            .Produces<TaxonomyPlanView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
