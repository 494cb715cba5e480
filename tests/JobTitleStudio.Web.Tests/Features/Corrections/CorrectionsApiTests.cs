using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Tests.Features.Corrections;

public sealed class CorrectionsApiTests : IAsyncLifetime
{
    private AnalystApp _app = null!;

    public async Task InitializeAsync() => _app = await AnalystApp.StartMisledAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_correction_is_stored_applied_at_once_and_similar_spellings_follow()
    {
        Assert.Equal("Sales", await _app.LabelAsync(AnalystApp.TalentTitle, "Function"));
        Assert.Equal("Sales", await _app.LabelAsync("Talent acq. mgr", "Function"));

        using var response = await _app.CorrectAsync(AnalystApp.TalentTitle, "Function", "Human Resources");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var correction = body.GetProperty("correction");
        Assert.Equal("Sales", correction.GetProperty("oldLabel").GetString());
        Assert.Equal("Human Resources", correction.GetProperty("newLabel").GetString());
        Assert.Equal("api", correction.GetProperty("who").GetString());
        Assert.Equal("talent acquisition manager", correction.GetProperty("normalized").GetString());
        Assert.Equal("Human Resources", body.GetProperty("prediction").GetProperty("axes").GetProperty("Function").GetProperty("label").GetString());
        Assert.Equal("Human Resources", await _app.LabelAsync(AnalystApp.TalentTitle, "Function"));
        Assert.Equal("Human Resources", await _app.LabelAsync("Talent acq. mgr", "Function"));
        await using var db = await _app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var stored = Assert.Single(await db.Corrections.ToListAsync());
        Assert.Equal((AnalystApp.TalentTitle, "Function", "Sales", "Human Resources"), (stored.Title, stored.Axis, stored.OldLabel, stored.NewLabel));
    }

    [Fact]
    public async Task An_unknown_axis_is_a_400_naming_the_valid_axes()
    {
        using var response = await _app.CorrectAsync("Recruiter", "Seniority", "Manager");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Valid axes: Function, Level.", await DetailAsync(response));
    }

    [Fact]
    public async Task An_unknown_category_is_a_400_listing_the_axis_categories()
    {
        using var response = await _app.CorrectAsync("Recruiter", "Function", "People");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await DetailAsync(response);
        Assert.Contains("Unknown category \"People\" on axis Function", detail);
        Assert.Contains("Human Resources", detail);
    }

    [Fact]
    public async Task Undo_restores_the_label_the_correction_replaced_and_marks_both_records()
    {
        using var corrected = await _app.CorrectAsync(AnalystApp.TalentTitle, "Function", "Human Resources");
        var id = (await corrected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correction").GetProperty("id").GetInt64();

        using var undone = await _app.Client.PostAsync($"/api/corrections/{id}/undo", null);

        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        var undo = (await undone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("correction");
        Assert.Equal("Undo", undo.GetProperty("kind").GetString());
        Assert.Equal(id, undo.GetProperty("undoOf").GetInt64());
        Assert.Equal("Sales", await _app.LabelAsync(AnalystApp.TalentTitle, "Function"));
        var listed = await _app.Client.GetFromJsonAsync<JsonElement>("/api/corrections");
        Assert.Equal(undo.GetProperty("id").GetInt64(), listed.EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == id).GetProperty("undoneBy").GetInt64());
        using var again = await _app.Client.PostAsync($"/api/corrections/{id}/undo", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Listing_since_a_time_keeps_only_the_newer_corrections()
    {
        (await _app.CorrectAsync("Recruiter", "Level", "Entry")).EnsureSuccessStatusCode();
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        (await _app.CorrectAsync("Auditor", "Level", "Manager")).EnsureSuccessStatusCode();

        var listed = await _app.Client.GetFromJsonAsync<JsonElement>($"/api/corrections?since={Uri.EscapeDataString(between.ToString("O"))}");

        Assert.Equal("Auditor", Assert.Single(listed.EnumerateArray()).GetProperty("title").GetString());
        using var bad = await _app.Client.GetAsync("/api/corrections?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Export_writes_the_corrections_as_csv_with_formulas_neutralised()
    {
        (await _app.CorrectAsync("=HYPERLINK(\"http://x\") Sales Manager", "Function", "Sales")).EnsureSuccessStatusCode();
        (await _app.CorrectAsync("Recruiter", "Level", "Entry")).EnsureSuccessStatusCode();

        using var response = await _app.Client.GetAsync("/api/corrections/export?workspace=Default&axis=Function");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(string.Join(",", CorrectionService.ExportColumns), lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\") Sales Manager\"", row);
    }

    [Fact]
    public async Task Fifty_parallel_corrections_while_classifying_are_all_stored_and_all_answered()
    {
        var titles = Enumerable.Range(1, 50).Select(i => $"Widget Inspector {i}").ToArray();
        using var stop = new CancellationTokenSource();
        var reads = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                using var response = await _app.Client.PostAsJsonAsync("/api/classify", new { titles });
                response.EnsureSuccessStatusCode();
                count++;
            }
            return count;
        })).ToArray();

        var responses = await Task.WhenAll(titles.Select((title, i) => _app.CorrectAsync(title, "Function", i % 2 == 0 ? "Finance" : "Marketing")));
        await stop.CancelAsync();
        var classified = await Task.WhenAll(reads);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(classified, count => Assert.True(count > 0));
        await using var db = await _app.Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(50, await db.Corrections.CountAsync());
        using var after = await _app.Client.PostAsJsonAsync("/api/classify", new { titles });
        var results = (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results");
        for (var i = 0; i < titles.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? "Finance" : "Marketing", results[i].GetProperty("axes").GetProperty("Function").GetProperty("label").GetString());
        }
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
}
