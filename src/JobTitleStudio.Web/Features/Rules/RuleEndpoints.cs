using System.Globalization;
using System.Text.Json;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace JobTitleStudio.Web.Features.Rules;

/// <summary><c>/api/rules</c>: a workspace's keyword rules, their tester, import, change log with undo, and reports.</summary>
public static class RuleEndpoints
{
    public const string Route = "/api/rules";

    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder endpoints)
    {
        var rules = endpoints.MapGroup(Route).WithTags("Rules");

        rules.MapGet("", ([FromQuery] string? workspace, [FromQuery] string? axis, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await service.ListAsync(await service.WorkspaceAsync(workspace, cancellationToken), axis, cancellationToken))))
            .WithName("ListRules")
            .WithSummary("The workspace's keyword rules (of one axis with axis=NAME), by axis and then priority: the order they win in.")
            .Produces<IReadOnlyList<RuleView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        rules.MapGet("/axes", ([FromQuery] string? workspace, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await service.AxisViewsAsync(await service.WorkspaceAsync(workspace, cancellationToken), cancellationToken))))
            .WithName("RuleAxes")
            .WithSummary("The axes rules can be written for, with their categories and rule counts.")
            .Produces<IReadOnlyList<RuleAxisView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        rules.MapPost("", (HttpRequest request, [FromQuery] string? workspace, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                {
                    var live = await service.WorkspaceAsync(workspace, cancellationToken);
                    var input = await ReadAsync<RuleInput>(request, """{"axis": "Level", "keyword": "chief tech*", "category": "C-Level", "priority": 10}""", cancellationToken);
                    var created = await service.CreateAsync(live, input, Author(input.Author), cancellationToken);
                    return TypedResults.Created($"{Route}/{created.Id}?workspace={Uri.EscapeDataString(live.Name)}", created);
                }))
            .WithName("CreateRule")
            .WithSummary("Adds a rule: axis, keyword (words ending in * match any word they start), category, priority (lower wins), optional enabled and author. Recorded as an undoable change.")
            .Accepts<RuleInput>("application/json")
            .Produces<RuleView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rules.MapPut("/{id:long}", (long id, HttpRequest request, [FromQuery] string? workspace, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                {
                    var live = await service.WorkspaceAsync(workspace, cancellationToken);
                    var input = await ReadAsync<RuleInput>(request, """{"priority": 5}""", cancellationToken);
                    return TypedResults.Ok(await service.UpdateAsync(live, id, input, Author(input.Author), cancellationToken));
                }))
            .WithName("UpdateRule")
            .WithSummary("Changes the fields given (axis, keyword, category, priority, enabled); the rest stay. Recorded as an undoable change.")
            .Accepts<RuleInput>("application/json")
            .Produces<RuleView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rules.MapDelete("/{id:long}", (long id, [FromQuery] string? workspace, [FromQuery] string? author, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                {
                    await service.DeleteAsync(await service.WorkspaceAsync(workspace, cancellationToken), id, Author(author), cancellationToken);
                    return TypedResults.NoContent();
                }))
            .WithName("DeleteRule")
            .WithSummary("Deletes a rule; recorded as a change whose undo brings it back.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        rules.MapPost("/test", (HttpRequest request, [FromQuery] string? workspace, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                {
                    var live = await service.WorkspaceAsync(workspace, cancellationToken);
                    var input = await ReadAsync<RuleTestInput>(request, """{"title": "Chief Information Security Officer"}""", cancellationToken);
                    return TypedResults.Ok(await service.TestAsync(live, input.Title, cancellationToken));
                }))
            .WithName("TestRules")
            .WithSummary("Per axis: every rule that matches the title (winner first, with the text it matched and why it wins), conflicts, and the live model's prediction beside it.")
            .Accepts<RuleTestInput>("application/json")
            .Produces<RuleTestView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        rules.MapPost("/import", (HttpRequest request, [FromQuery] string? workspace, RuleImporter importer, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                {
                    var live = await service.WorkspaceAsync(workspace, cancellationToken);
                    if (!request.HasFormContentType)
                    {
                        throw StudioProblem.BadRequest("Send the file as multipart/form-data in a field named \"file\", for example: curl -F file=@rules.csv -F axis=Level http://host/api/rules/import");
                    }
                    var form = await request.ReadFormAsync(cancellationToken);
                    var file = form.Files.GetFile("file") ?? throw StudioProblem.BadRequest("The upload holds no file: send it in a multipart form field named \"file\".");
                    if (file.Length > RuleImporter.MaxFileBytes)
                    {
                        throw new StudioProblem(StatusCodes.Status413PayloadTooLarge, "The file is too large",
                            $"\"{file.FileName}\" has {file.Length:N0} bytes; a rules file has at most {RuleImporter.MaxFileBytes:N0}.");
                    }
                    string? Field(string name) => form.TryGetValue(name, out var value) && value.Count > 0 ? value[^1] : request.Query[name].LastOrDefault();
                    var priority = Field("priority") is { Length: > 0 } p
                        ? int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw StudioProblem.BadRequest($"The priority \"{p}\" is not a whole number.")
                        : (int?)null;
                    var apply = Field("apply") is { Length: > 0 } a && (bool.TryParse(a, out var yes) ? yes : throw StudioProblem.BadRequest($"apply is \"{a}\"; use true to store the rules or false to preview."));
                    await using var stream = file.OpenReadStream();
                    return TypedResults.Ok(await importer.ImportAsync(live, stream, file.FileName, Field("axis"), priority, apply, Author(Field("author")), cancellationToken));
                }))
            .DisableAntiforgery()
            // No Accepts<IFormFile>: it would answer any other body with a bare 415 instead of the message above.
            .WithName("ImportRules")
            .WithSummary("Multipart field 'file': a CSV (keyword,category,priority; optional axis column) or a JSON keyword map (.json: category to keyword list) for axis=NAME (priority=N for a map; else a category's position). Answers how many rules are new, duplicate and invalid, naming each problem; apply=true stores the new ones as one undoable change.")
            .Produces<RuleImportPreview>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        rules.MapGet("/changes", ([FromQuery] string? workspace, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await service.ChangesAsync(await service.WorkspaceAsync(workspace, cancellationToken), cancellationToken: cancellationToken))))
            .WithName("ListRuleChanges")
            .WithSummary("The workspace's rule changes, newest first: who, when, and each rule before and after.")
            .Produces<IReadOnlyList<RuleChangeView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        rules.MapPost("/changes/{id:long}/undo", (long id, [FromQuery] string? workspace, [FromQuery] string? author, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await service.UndoAsync(await service.WorkspaceAsync(workspace, cancellationToken), id, Author(author), cancellationToken))))
            .WithName("UndoRuleChange")
            .WithSummary("Puts the rules of a change back as they were, recorded as a new change; 409 when undone already or when a rule changed again since.")
            .Produces<RuleChangeView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rules.MapGet("/reports", ([FromQuery] string? workspace, RuleReportService reports, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                    TypedResults.Ok(await reports.ReportAsync(await service.WorkspaceAsync(workspace, cancellationToken), cancellationToken))))
            .WithName("RuleReports")
            .WithSummary("Over the workspace's records: titles where rules of different categories match, titles where the winning rule and the live model disagree, and keyword suggestions per category.")
            .Produces<RuleReportView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        rules.MapGet("/reports/{report}/csv", (string report, [FromQuery] string? workspace, RuleReportService reports, RuleService service, CancellationToken cancellationToken) =>
                StudioProblem.AnswerAsync(async () =>
                {
                    Action<RuleReportView, Stream> write = report switch
                    {
                        "conflicts" => RuleReportService.WriteConflictsCsv,
                        "disagreements" => RuleReportService.WriteDisagreementsCsv,
                        "suggestions" => RuleReportService.WriteSuggestionsCsv,
                        _ => throw StudioProblem.NotFound($"There is no rule report \"{report}\"; use conflicts, disagreements or suggestions."),
                    };
                    var live = await service.WorkspaceAsync(workspace, cancellationToken);
                    var view = await reports.ReportAsync(live, cancellationToken);
                    return TypedResults.Stream(async body =>
                    {
                        using var buffer = new MemoryStream();
                        write(view, buffer);
                        buffer.Position = 0;
                        await buffer.CopyToAsync(body, cancellationToken);
                    }, "text/csv; charset=utf-8", $"rule-{report}-{live.Name}.csv");
                }))
            .WithName("RuleReportCsv")
            .WithSummary("One rule report (conflicts, disagreements, suggestions) as CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static string Author(string? author) => string.IsNullOrWhiteSpace(author) ? AnalystOptions.ApiDefault : author.Trim();

    private static async Task<T> ReadAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(cancellationToken) ?? throw StudioProblem.BadRequest($"Send a JSON body such as {example}.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw StudioProblem.BadRequest($"Send a JSON body such as {example}: {e.Message}");
        }
    }
}
