using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Web.Features.Reports;
using Microsoft.AspNetCore.Hosting;
using JobTitleStudio.Web.Tests.Features.Datasets;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Reports;

/// <summary>On a 37-record fixture of three departments where "Java Software Developer" is planted in Health.</summary>
public sealed class LabelErrorsApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await DatasetApi.CreateWorkspaceAsync(Client, "Agency");
        var fixture = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "planted-label-error.csv"));
        var dataset = await DatasetApi.ImportAsync(Client, fixture, "Agency", "Job Title", "Department");
        Assert.Equal(37, dataset.GetProperty("recordsImported").GetInt64());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_search_ranks_the_planted_label_first_and_accepting_it_relabels_the_record_undoably()
    {
        Assert.Equal(JsonValueKind.Null, (await Report()).GetProperty("last").ValueKind);

        using var started = await Client.PostAsync("/api/reports/label-errors/run?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var report = await WaitForSearchAsync();

        var last = report.GetProperty("last");
        Assert.Equal("completed", last.GetProperty("status").GetString());
        Assert.Equal(5, last.GetProperty("folds").GetInt32());
        Assert.Equal(37, last.GetProperty("recordsScored").GetInt64());
        Assert.Contains("\"Linear\"", last.GetProperty("modelOptions").GetString());
        var first = report.GetProperty("rows")[0];
        Assert.Equal(("Java Software Developer", "Health", "Engineering"),
            (first.GetProperty("title").GetString(), first.GetProperty("label").GetString(), first.GetProperty("suggestion").GetString()));
        var losses = report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("loss").GetDouble()).ToList();
        Assert.Equal(losses.OrderByDescending(l => l), losses);

        using var accepted = await Client.PostAsJsonAsync("/api/reports/label-errors/accept?workspace=Agency", new { ids = new[] { first.GetProperty("id").GetInt64() } });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var change = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("AcceptSuggestion", 1), (change.GetProperty("kind").GetString(), change.GetProperty("recordsChanged").GetInt32()));
        var row = (await Report()).GetProperty("rows")[0];
        Assert.Equal(("Engineering", true), (row.GetProperty("currentLabel").GetString(), row.GetProperty("accepted").GetBoolean()));
        var record = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?workspace=Agency&axis=Department&source=analyst");
        Assert.Equal(1, record.GetProperty("total").GetInt32());

        using var again = await Client.PostAsJsonAsync("/api/reports/label-errors/accept?workspace=Agency", new { ids = new[] { first.GetProperty("id").GetInt64() } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var undone = await Client.PostAsync($"/api/label-changes/{change.GetProperty("id").GetInt64()}/undo?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal("Health", (await Report()).GetProperty("rows")[0].GetProperty("currentLabel").GetString());

        var csv = await Client.GetStringAsync("/api/reports/label-errors/csv?workspace=Agency");
        Assert.StartsWith("\uFEFFrecord_id,title,axis,label,label_probability,loss,suggestion,suggestion_probability,current_label", csv);
        Assert.Contains("Java Software Developer,Department,Health,", csv);
    }

    [Fact]
    public async Task Bad_requests_get_clear_answers()
    {
        using var none = await Client.PostAsJsonAsync("/api/reports/label-errors/accept?workspace=Agency", new { ids = Array.Empty<long>() });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        using var unknown = await Client.PostAsJsonAsync("/api/reports/label-errors/accept?workspace=Agency", new { ids = new[] { 999L } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var nothingRunning = await Client.PostAsync("/api/reports/label-errors/cancel?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.Conflict, nothingRunning.StatusCode);
        Assert.Contains("No search", await nothingRunning.Content.ReadAsStringAsync());
        await DatasetApi.CreateWorkspaceAsync(Client, "Empty");
        using var empty = await Client.PostAsync("/api/reports/label-errors/run?workspace=Empty", null);
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
    }

    [Fact]
    public async Task A_cancelled_search_ends_cancelled_and_keeps_no_rows()
    {
        using var started = await Client.PostAsync("/api/reports/label-errors/run?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        using var second = await Client.PostAsync("/api/reports/label-errors/run?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        using var cancelled = await Client.DeleteAsync("/api/reports/label-errors/run?workspace=Agency");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var report = await WaitForSearchAsync();
        Assert.Equal("cancelled", report.GetProperty("last").GetProperty("status").GetString());
        Assert.Empty(report.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Searches_started_at_the_same_moment_queue_one_and_refuse_the_others()
    {
        // A search of 37 records can finish before the last of the 16 starts arrives on a busy machine, and a finished
        // search rightly lets the next one start; without its runner the first search stays queued for all of them.
        await using var idle = _app.Factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.Remove(services.Single(s => s.ImplementationType == typeof(LabelErrorRunner)))));
        using var client = idle.CreateClient();
        var starts = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var response = await client.PostAsync("/api/reports/label-errors/run?workspace=Agency", null);
            return response.StatusCode;
        }));

        Assert.Equal(1, starts.Count(s => s == HttpStatusCode.Accepted));
        Assert.All(starts.Where(s => s != HttpStatusCode.Accepted), s => Assert.Equal(HttpStatusCode.Conflict, s));
        using var cancelled = await client.DeleteAsync("/api/reports/label-errors/run?workspace=Agency");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await WaitForSearchAsync()).GetProperty("active").ValueKind);
        using var nothingLeft = await client.DeleteAsync("/api/reports/label-errors/run?workspace=Agency");
        Assert.Equal(HttpStatusCode.Conflict, nothingLeft.StatusCode);
    }

    private async Task<JsonElement> Report() => await Client.GetFromJsonAsync<JsonElement>("/api/reports/label-errors?workspace=Agency");

    private async Task<JsonElement> WaitForSearchAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var report = await Report();
            if (report.GetProperty("active").ValueKind == JsonValueKind.Null)
            {
                return report;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the search is still {report.GetProperty("active").GetProperty("status")} after {Patience}");
            await Task.Delay(100);
        }
    }
}
