using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Tests.Features.Lookup;

public sealed class ClassifyApiTests : IAsyncLifetime
{
    private AnalystApp _app = null!;

    public async Task InitializeAsync() => _app = await AnalystApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Classify_answers_every_title_in_input_order_with_label_probability_and_top_per_axis()
    {
        using var response = await _app.Client.PostAsJsonAsync("/api/classify", new { titles = new[] { "Software Engineer", "Director of Marketing" }, top = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("Software Engineer", results[0].GetProperty("title").GetString());
        Assert.Equal("software engineer", results[0].GetProperty("normalized").GetString());
        Assert.Equal("Information Technology", results[0].GetProperty("axes").GetProperty("Function").GetProperty("label").GetString());
        var marketing = results[1].GetProperty("axes").GetProperty("Function");
        Assert.Equal("Marketing", marketing.GetProperty("label").GetString());
        Assert.InRange(marketing.GetProperty("probability").GetSingle(), 0.2f, 1f);
        Assert.False(marketing.GetProperty("abstained").GetBoolean());
        Assert.Equal(3, marketing.GetProperty("top").GetArrayLength());
        Assert.Equal("Marketing", marketing.GetProperty("top")[0].GetProperty("label").GetString());
        Assert.Equal("Director", results[1].GetProperty("axes").GetProperty("Level").GetProperty("label").GetString());
        Assert.False(marketing.TryGetProperty("labels", out _), "a single-label axis has no labels list");
    }

    [Fact]
    public async Task A_junk_title_gets_its_reason_and_no_axes()
    {
        var result = (await (await _app.Client.PostAsJsonAsync("/api/classify", new { titles = new[] { "asdf!!" } })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("results")[0];

        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("junk").GetString()));
        Assert.Empty(result.GetProperty("axes").EnumerateObject());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"titles": []}""", "\"titles\" is empty" },
        { """{"titles": ["Sales Manager", 42]}""", "titles[1] is a number" },
        { $$"""{"titles": ["{{new string('a', 301)}}"]}""", "titles[0] has 301 characters; a job title has at most 300" },
        { $$"""{"titles": [{{string.Join(",", Enumerable.Repeat("\"x\"", 10_001))}}]}""", "\"titles\" has 10001 entries; send at most 10,000" },
        { """{"titles": ["Sales""", "not valid JSON" },
        { """["Sales Manager"]""", "needs a \"titles\" array" },
        { """{"titles": ["Sales Manager"], "top": 0}""", "\"top\" must be a whole number from 1 to 1000" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Classify_rejects_a_bad_body_with_a_400_saying_what_to_fix(string body, string message)
    {
        using var response = await _app.Client.PostAsync("/api/classify", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_workspace_is_a_404_naming_the_known_ones()
    {
        using var response = await _app.Client.PostAsJsonAsync("/api/classify?workspace=Nope", new { titles = new[] { "Sales Manager" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Known workspaces: Default.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Axes_lists_each_axis_with_its_categories()
    {
        var axes = await _app.Client.GetFromJsonAsync<JsonElement>("/api/axes?workspace=Default");

        var function = axes.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Function");
        Assert.False(function.GetProperty("multiLabel").GetBoolean());
        Assert.Equal("Other", function.GetProperty("other").GetString());
        var names = function.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToHashSet();
        Assert.Subset(names, TestModels.Functions.ToHashSet());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_analyst_endpoints()
    {
        var paths = (await _app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/classify", "/api/axes", "/api/corrections", "/api/corrections/{id}/undo", "/api/corrections/export" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
        Assert.True(paths.GetProperty("/api/classify").GetProperty("post").GetProperty("requestBody").TryGetProperty("content", out _));
    }

    [Fact]
    public async Task Small_calls_are_recorded_per_title_and_axis_and_large_calls_as_one_row()
    {
        await _app.Client.PostAsJsonAsync("/api/classify", new { titles = new[] { "Sales Manager", "Recruiter" } });
        await _app.Client.PostAsJsonAsync("/api/classify", new { titles = Enumerable.Range(0, 101).Select(i => $"Accountant {i}").ToArray() });

        await using var db = await _app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var records = await db.PredictionRecords.ToListAsync();
        Assert.Equal(4, records.Count);
        Assert.All(records, r => Assert.Equal(PredictionSources.Api, r.Source));
        Assert.Contains(records, r => r.Title == "Recruiter" && r.Axis == "Function" && r.Label == "Human Resources" && r.ModelVersion.StartsWith("default@", StringComparison.Ordinal));
        var call = Assert.Single(await db.PredictionCalls.ToListAsync());
        Assert.Equal(101, call.Count);
    }
}

public sealed class ClassifyWithoutModelTests
{
    [Fact]
    public async Task Classify_answers_503_with_the_reason_while_no_model_is_loaded()
    {
        await using var app = new StudioAppFactory();
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/classify", new { titles = new[] { "Sales Manager" } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The model of workspace Default is not ready", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
