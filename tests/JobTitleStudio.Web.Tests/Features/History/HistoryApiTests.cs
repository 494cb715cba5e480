using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Web.Features.History;
using JobTitleStudio.Web.Tests.Features.Datasets;
using JobTitleStudio.Web.Tests.Features.Taxonomy;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.History;

/// <summary>In Default (the test model live): one correction, one label edit and one taxonomy merge, in that order.</summary>
public sealed class HistoryApiTests : IAsyncLifetime
{
    private AnalystApp _app = null!;

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        _app = await AnalystApp.StartAsync();
        (await _app.CorrectAsync("=HYPERLINK(\"http://x\") Buyer", "Function", "Sales")).EnsureSuccessStatusCode();
        await DatasetApi.ImportAsync(Client, TaxonomyApiTests.Labelled, "Default", "Title", "Function", "Level");
        var legal = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?axis=Function&label=Legal");
        using (var edit = await Client.PutAsJsonAsync($"/api/datasets/records/{legal.GetProperty("items")[0].GetProperty("id").GetInt64()}/labels", new { axis = "Level", label = "Executive" }))
        {
            edit.EnsureSuccessStatusCode();
        }
        using var merge = await Client.PostAsJsonAsync("/api/taxonomy/Function/merge", new { category = "Network", into = "IT" });
        merge.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> HistoryAsync(string query = "") => await Client.GetFromJsonAsync<JsonElement>($"/api/history?workspace=Default{query}");

    [Fact]
    public async Task Corrections_label_changes_and_taxonomy_changes_are_one_list_newest_first()
    {
        var history = await HistoryAsync();

        Assert.Equal(3, history.GetProperty("total").GetInt32());
        Assert.Equal(["taxonomy", "label", "correction"], history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(["MergeCategories", "Edit", "Correction"], history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("change").GetString()));
        Assert.All(history.GetProperty("items").EnumerateArray(), e => Assert.True(e.GetProperty("canUndo").GetBoolean()));
    }

    [Theory]
    [InlineData("&kind=correction", "Correction")]
    [InlineData("&kind=label", "Edit")]
    [InlineData("&kind=taxonomy", "MergeCategories")]
    [InlineData("&axis=Level", "Edit")]
    [InlineData("&text=Network", "MergeCategories")]
    public async Task Each_filter_keeps_only_its_entries(string query, string change)
    {
        var history = await HistoryAsync(query);

        Assert.Equal(change, Assert.Single(history.GetProperty("items").EnumerateArray()).GetProperty("change").GetString());
    }

    [Fact]
    public async Task An_axis_with_no_records_keeps_only_its_corrections()
    {
        await _app.CorrectAsync("Buyer", "Level", "Entry");

        var history = await HistoryAsync("&axis=Level");
        var onlyModel = await HistoryAsync("&axis=Seniority");

        Assert.Equal(["Correction", "Edit"], history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("change").GetString()));
        Assert.Equal(0, onlyModel.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Paging_walks_the_merged_list()
    {
        var second = await HistoryAsync("&skip=1&take=1");

        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal("Edit", Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("change").GetString());
    }

    [Fact]
    public async Task The_export_is_csv_of_every_kind_with_formulas_neutralised()
    {
        using var response = await Client.GetAsync("/api/history/export?workspace=Default");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", HistoryService.ExportColumns), lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\") Buyer\"", lines[3]);
    }

    [Fact]
    public async Task Each_kind_is_undone_from_the_history()
    {
        var ids = (await HistoryAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();

        foreach (var id in ids)
        {
            using var undone = await Client.PostAsync($"/api/history/{id}/undo?workspace=Default", null);
            Assert.True(undone.StatusCode == HttpStatusCode.OK, await undone.Content.ReadAsStringAsync());
        }

        var history = await HistoryAsync();
        Assert.Equal(6, history.GetProperty("total").GetInt32());
        Assert.Equal(3, history.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("change").GetString() == "Undo"));
        Assert.All(history.GetProperty("items").EnumerateArray(), e => Assert.False(e.GetProperty("canUndo").GetBoolean()));
        Assert.Equal(2, (await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?axis=Function&label=Network")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_rule_change_is_listed_exported_filtered_by_kind_and_axis_and_undone_from_the_history()
    {
        using (var created = await Client.PostAsJsonAsync("/api/rules", new { axis = "Function", keyword = "buyer", category = "Sales", priority = 1, author = "dana" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var entry = Assert.Single((await HistoryAsync("&kind=rule")).GetProperty("items").EnumerateArray());
        Assert.StartsWith("R", entry.GetProperty("id").GetString());
        Assert.Equal(["rule", "Create", "dana", "Function", "buyer", "Sales"],
            new[] { "kind", "change", "author", "axis", "title", "after" }.Select(p => entry.GetProperty(p).GetString()));
        Assert.True(entry.GetProperty("canUndo").GetBoolean());
        Assert.Equal(4, (await HistoryAsync()).GetProperty("total").GetInt32());
        Assert.Equal(0, (await HistoryAsync("&kind=rule&axis=Level")).GetProperty("total").GetInt32());
        Assert.Equal(["rule", "correction"], (await HistoryAsync("&axis=Function&text=buyer")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var csv = await Client.GetStringAsync("/api/history/export?workspace=Default&kind=rule");
        Assert.StartsWith($"{entry.GetProperty("id").GetString()},", csv.Split("\r\n")[1]);

        using var undone = await Client.PostAsync($"/api/history/{entry.GetProperty("id").GetString()}/undo?workspace=Default", null);

        Assert.True(undone.StatusCode == HttpStatusCode.OK, await undone.Content.ReadAsStringAsync());
        Assert.Empty((await Client.GetFromJsonAsync<JsonElement>("/api/rules?workspace=Default")).EnumerateArray());
        var rules = (await HistoryAsync("&kind=rule")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Undo", "Create"], rules.Select(e => e.GetProperty("change").GetString()));
        Assert.Equal(entry.GetProperty("id").GetString(), rules[0].GetProperty("undoOf").GetString());
    }

    [Theory]
    [InlineData("/api/history/X1/undo?workspace=Default", HttpStatusCode.BadRequest)]
    [InlineData("/api/history/L999/undo?workspace=Default", HttpStatusCode.NotFound)]
    [InlineData("/api/history/R999/undo?workspace=Default", HttpStatusCode.NotFound)]
    public async Task An_unknown_entry_cannot_be_undone(string path, HttpStatusCode status)
    {
        using var response = await Client.PostAsync(path, null);

        Assert.Equal(status, response.StatusCode);
    }
}
