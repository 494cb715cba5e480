using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Support;
using JobTitleStudio.Web.Tests.Features.Datasets;

namespace JobTitleStudio.Web.Tests.Features.Reports;

/// <summary>On the 192-record fixture: 21 inconsistent titles in 62 report rows, none tied, 90 records off their title's majority.</summary>
public sealed class InconsistencyApiTests : IAsyncLifetime
{
    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await DatasetApi.CreateWorkspaceAsync(Client, "Agency");
        var fixture = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "inconsistent-titles.csv"));
        var dataset = await DatasetApi.ImportAsync(Client, fixture, "Agency", "Job Title", "Department", "Seniority");
        Assert.Equal(192, dataset.GetProperty("recordsImported").GetInt64());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_report_has_a_row_per_combination_of_each_inconsistent_title_and_sorts_by_variance()
    {
        var report = await Client.GetFromJsonAsync<JsonElement>("/api/reports/inconsistent-titles?workspace=Agency");

        Assert.Equal(["Department", "Seniority"], report.GetProperty("axes").EnumerateArray().Select(a => a.GetString()));
        var rows = report.GetProperty("rows");
        Assert.Equal(62, rows.GetArrayLength());
        Assert.Equal("brand manager", rows[0].GetProperty("normalizedTitle").GetString());
        Assert.Equal(14, rows[0].GetProperty("totalCount").GetInt32());
        var byVariance = (await Client.GetFromJsonAsync<JsonElement>("/api/reports/inconsistent-titles?workspace=Agency&sort=variance")).GetProperty("rows");
        var variances = byVariance.EnumerateArray().Select(r => r.GetProperty("variance").GetDouble()).ToList();
        Assert.Equal(variances.OrderByDescending(v => v), variances);
        var csv = await Client.GetStringAsync("/api/reports/inconsistent-titles/csv?workspace=Agency");
        Assert.StartsWith("\uFEFFtitle,normalized_title,Department,Seniority,record_count,total_count,combinations,rank,variance", csv);
        Assert.Equal(63, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Relabel_to_majority_previews_90_records_changes_them_on_request_and_undo_puts_them_back()
    {
        var preview = await Client.GetFromJsonAsync<JsonElement>("/api/reports/inconsistent-titles/majority?workspace=Agency");
        Assert.Equal(21, preview.GetProperty("titles").GetInt32());
        Assert.Equal(90, preview.GetProperty("recordsChanging").GetInt32());
        Assert.Empty(preview.GetProperty("tiedTitles").EnumerateArray());

        using var applied = await Client.PostAsync("/api/reports/inconsistent-titles/majority?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var change = await applied.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(90, change.GetProperty("recordsChanged").GetInt32());
        Assert.Empty((await Client.GetFromJsonAsync<JsonElement>("/api/reports/inconsistent-titles?workspace=Agency")).GetProperty("rows").EnumerateArray());
        var analyst = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?workspace=Agency&axis=Department&source=analyst&take=1");
        Assert.InRange(analyst.GetProperty("total").GetInt32(), 1, 90);

        using var undone = await Client.PostAsync($"/api/label-changes/{change.GetProperty("id").GetInt64()}/undo?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal(90, (await undone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recordsChanged").GetInt32());
        Assert.Equal(62, (await Client.GetFromJsonAsync<JsonElement>("/api/reports/inconsistent-titles?workspace=Agency")).GetProperty("rows").GetArrayLength());
        var history = await Client.GetFromJsonAsync<JsonElement>("/api/label-changes?workspace=Agency");
        Assert.Equal(["Undo", "RelabelToMajority"], history.EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal(0, (await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?workspace=Agency&axis=Department&source=analyst")).GetProperty("total").GetInt32());
    }
}
