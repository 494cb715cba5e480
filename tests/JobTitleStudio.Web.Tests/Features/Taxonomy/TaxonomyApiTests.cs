using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Features.Datasets;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JobTitleStudio.Web.Tests.Features.Taxonomy;

public sealed class TaxonomyApiTests : IAsyncLifetime
{
    /// <summary>Function: IT 4, Security 3, Network 2, Legal 1. Level: Manager 4, Director 2, Contributor 4.</summary>
    internal const string Labelled = """
        Title,Function,Level
        IT Manager,IT,Manager
        Systems Administrator,IT,Contributor
        Cloud Engineer,IT,Contributor
        CIO,IT,Director
        Security Analyst,Security,Contributor
        Cloud Security Architect,Security,Manager
        CISO,Security,Director
        Network Engineer,Network,Contributor
        Network Manager,Network,Manager
        General Counsel,Legal,Manager
        """;

    /// <summary><see cref="Labelled"/> with every title in four spellings: enough distinct titles to hold some out when training.</summary>
    internal static string LabelledInFourSpellings()
    {
        var rows = Labelled.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var spellings = new[] { "{0}", "Senior {0}", "{0} II", "Global {0}" };
        return string.Join('\n', [rows[0], .. rows.Skip(1).SelectMany(r => spellings.Select(s => string.Format(CultureInfo.InvariantCulture, s, r.Split(',')[0]) + r[r.IndexOf(',')..]))]);
    }

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await DatasetApi.CreateWorkspaceAsync(Client, "Netskope");
        await DatasetApi.ImportAsync(Client, Labelled, "Netskope", "Title", "Function", "Level");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> Function()
    {
        var taxonomy = await Client.GetFromJsonAsync<JsonElement>("/api/taxonomy?workspace=Netskope");
        return taxonomy.GetProperty("axes").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Function");
    }

    private static Dictionary<string, long> Counts(JsonElement axis) =>
        axis.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("records").GetInt64());

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task The_taxonomy_lists_the_axes_of_the_chosen_workspace_with_record_counts()
    {
        var taxonomy = await Client.GetFromJsonAsync<JsonElement>("/api/taxonomy?workspace=Netskope");

        Assert.Equal(["Function", "Level"], taxonomy.GetProperty("axes").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(new Dictionary<string, long> { ["IT"] = 4, ["Legal"] = 1, ["Network"] = 2, ["Security"] = 3 }, Counts(await Function()));
        Assert.Empty((await Client.GetFromJsonAsync<JsonElement>("/api/taxonomy")).GetProperty("axes").EnumerateArray());
    }

    [Fact]
    public async Task Likely_label_errors_found_before_a_merge_suggest_the_merged_category_and_its_undo_puts_the_old_one_back()
    {
        var databases = _app.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await databases.CreateDbContextAsync())
        {
            var workspace = await db.Workspaces.SingleAsync(w => w.Name == "Netskope");
            var axis = await db.Axes.SingleAsync(a => a.WorkspaceId == workspace.Id && a.Name == "Function");
            var record = await db.Records.SingleAsync(r => r.WorkspaceId == workspace.Id && r.Title == "General Counsel");
            db.LabelErrorRuns.Add(new LabelErrorRun
            {
                WorkspaceId = workspace.Id, Status = LabelErrorRunStatus.Completed, StartedBy = "t", ModelDescription = "default options", ModelOptionsJson = "{}",
                Findings = [new LabelErrorFinding { RecordId = record.Id, AxisId = axis.Id, Label = "Legal", Suggestion = "Network", Loss = 2 }],
            });
            await db.SaveChangesAsync();
        }

        var merge = await PostAsync("/api/taxonomy/Function/merge?workspace=Netskope", new { category = "Network", into = "IT" });
        Assert.Equal("IT", await SuggestionAsync());
        await PostAsync($"/api/history/L{merge.GetProperty("changeId").GetInt64()}/undo?workspace=Netskope", new { });
        Assert.Equal("Network", await SuggestionAsync());

        async Task<string> SuggestionAsync()
        {
            await using var db = await databases.CreateDbContextAsync();
            return await db.LabelErrorFindings.Select(f => f.Suggestion).SingleAsync();
        }
    }

    [Fact]
    public async Task A_merge_preview_counts_the_records_and_changes_nothing_then_the_merge_moves_them_and_undo_puts_them_back()
    {
        var preview = await PostAsync("/api/taxonomy/Function/merge?workspace=Netskope&preview=true", new { category = "Network", into = "IT" });
        Assert.Equal(2, preview.GetProperty("recordsAffected").GetInt64());
        Assert.False(preview.GetProperty("applied").GetBoolean());
        Assert.Equal(2, Counts(await Function())["Network"]);

        var merged = await PostAsync("/api/taxonomy/Function/merge?workspace=Netskope", new { category = "Network", into = "IT", who = "dana" });
        Assert.True(merged.GetProperty("applied").GetBoolean());
        Assert.Equal(new Dictionary<string, long> { ["IT"] = 6, ["Legal"] = 1, ["Security"] = 3 }, Counts(await Function()));
        var records = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?workspace=Netskope&axis=Function&label=IT");
        Assert.Equal(6, records.GetProperty("total").GetInt32());

        var history = await Client.GetFromJsonAsync<JsonElement>("/api/history?workspace=Netskope&kind=taxonomy");
        var entry = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal("MergeCategories", entry.GetProperty("change").GetString());
        Assert.Equal("dana", entry.GetProperty("author").GetString());
        Assert.Equal(2, entry.GetProperty("records").GetInt64());
        Assert.Equal("Function", entry.GetProperty("axis").GetString());

        var undone = await PostAsync($"/api/history/{entry.GetProperty("id").GetString()}/undo?workspace=Netskope", new { });
        Assert.Contains("2 records changed back", undone.GetProperty("message").GetString());
        Assert.Equal(new Dictionary<string, long> { ["IT"] = 4, ["Legal"] = 1, ["Network"] = 2, ["Security"] = 3 }, Counts(await Function()));
        await PostAsync($"/api/history/{entry.GetProperty("id").GetString()}/undo?workspace=Netskope", new { }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_rename_carries_records_and_children_and_an_undo_restores_the_old_name_and_parent()
    {
        await PostAsync("/api/taxonomy/Function/parent?workspace=Netskope", new { category = "Security", parent = "IT" });
        await PostAsync("/api/taxonomy/Function/rename?workspace=Netskope", new { category = "IT", newName = "Information Technology" });

        var function = await Function();
        Assert.Equal(4, Counts(function)["Information Technology"]);
        var security = function.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Security");
        Assert.Equal("Information Technology", security.GetProperty("parent").GetString());
        Assert.Equal(1, security.GetProperty("depth").GetInt32());

        var rename = (await Client.GetFromJsonAsync<JsonElement>("/api/history?workspace=Netskope&kind=taxonomy")).GetProperty("items")[0];
        await PostAsync($"/api/history/{rename.GetProperty("id").GetString()}/undo?workspace=Netskope", new { });
        function = await Function();
        Assert.Equal(4, Counts(function)["IT"]);
        Assert.Equal("IT", function.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Security").GetProperty("parent").GetString());
    }

    [Theory]
    [InlineData("rename", """{"category":"Network","newName":"Networking"}""", "Networking")]
    [InlineData("merge", """{"category":"Network","into":"IT"}""", "IT")]
    public async Task A_keyword_rule_follows_its_category_and_an_undo_from_history_puts_it_back(string edit, string body, string followed)
    {
        var rule = await PostAsync("/api/rules?workspace=Netskope", new { axis = "Function", keyword = "network", category = "Network", priority = 1 }, HttpStatusCode.Created);
        var other = await PostAsync("/api/rules?workspace=Netskope", new { axis = "Level", keyword = "network", category = "Contributor", priority = 1 }, HttpStatusCode.Created);
        Assert.Equal("Network", await RuleTestAsync("Network Engineer"));

        using (var response = await Client.PostAsync($"/api/taxonomy/Function/{edit}?workspace=Netskope", new StringContent(body, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(followed, await RuleCategoryAsync(rule));
        Assert.Equal("Contributor", await RuleCategoryAsync(other));
        Assert.Equal(followed, await RuleTestAsync("Network Engineer"));
        var change = (await Client.GetFromJsonAsync<JsonElement>("/api/history?workspace=Netskope&kind=taxonomy")).GetProperty("items")[0];
        await PostAsync($"/api/history/{change.GetProperty("id").GetString()}/undo?workspace=Netskope", new { });
        Assert.Equal("Network", await RuleCategoryAsync(rule));
        Assert.Equal("Network", await RuleTestAsync("Network Engineer"));
    }

    [Fact]
    public async Task A_split_moves_only_the_records_matching_its_keywords()
    {
        var split = await PostAsync("/api/taxonomy/Function/split?workspace=Netskope", new { category = "IT", newName = "Cloud", keywords = new[] { "cloud" } });

        Assert.Equal(1, split.GetProperty("recordsAffected").GetInt64());
        var counts = Counts(await Function());
        Assert.Equal(1, counts["Cloud"]);
        Assert.Equal(3, counts["IT"]);
        Assert.Equal(3, counts["Security"]);
    }

    [Fact]
    public async Task A_mapping_file_casts_the_axis_into_the_new_hierarchy_and_reports_unknown_categories()
    {
        const string mapping = "from,to,parent\nSecurity,Information Security,IT\nNetwork,Networking,IT\nLegal,Risk/Legal/Compliance,\nSales,Non-ICP,\n";

        var preview = await UploadMappingAsync(mapping, preview: true);
        Assert.Equal(6, preview.GetProperty("recordsAffected").GetInt64());
        Assert.Equal(["Row 5: \"Sales\" is not a category of Function; the row was skipped."], preview.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("Predictions use the new taxonomy through a mapping until a version trained on it is live", preview.GetProperty("note").GetString());

        await UploadMappingAsync(mapping, preview: false);
        var function = await Function();
        Assert.Equal(new Dictionary<string, long> { ["IT"] = 4, ["Information Security"] = 3, ["Networking"] = 2, ["Risk/Legal/Compliance"] = 1 }, Counts(function));
        Assert.Equal("IT", function.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Networking").GetProperty("parent").GetString());
    }

    [Fact]
    public async Task A_mapping_file_with_bad_rows_is_refused_with_each_row_and_column()
    {
        using var response = await PostFileAsync("from,to\nSecurity,\nSecurity,Information Security\nsecurity,IT\n", preview: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([2L, 4L], errors.EnumerateArray().Select(e => e.GetProperty("rowNumber").GetInt64()));
        Assert.Equal(["to", "from"], errors.EnumerateArray().Select(e => e.GetProperty("column").GetString()));
    }

    [Theory]
    [InlineData("/api/taxonomy/Function/merge?workspace=Netskope", """{"category":"Network","into":"Sales"}""", HttpStatusCode.BadRequest, "\"Sales\" is not a category of Function")]
    [InlineData("/api/taxonomy/Function/rename?workspace=Netskope", """{"category":"Network","newName":"legal"}""", HttpStatusCode.BadRequest, "merge \"Network\" into it instead")]
    [InlineData("/api/taxonomy/Grade/categories?workspace=Netskope", """{"name":"X"}""", HttpStatusCode.NotFound, "Its axes: Function, Level")]
    [InlineData("/api/taxonomy/Function/categories?workspace=Nowhere", """{"name":"X"}""", HttpStatusCode.NotFound, "There is no workspace \"Nowhere\"")]
    public async Task An_edit_that_cannot_be_made_says_why(string path, string body, HttpStatusCode status, string reason)
    {
        using var response = await Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_added_category_has_no_records_and_can_be_used_as_a_parent()
    {
        await PostAsync("/api/taxonomy/Function/categories?workspace=Netskope", new { name = "Technology" });
        await PostAsync("/api/taxonomy/Function/parent?workspace=Netskope", new { category = "IT", parent = "Technology" });

        var rows = (await Function()).GetProperty("categories").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("depth").GetInt32()}");
        Assert.Equal(["Legal:0", "Network:0", "Security:0", "Technology:0", "IT:1"], rows);
    }

    private async Task<string?> RuleCategoryAsync(JsonElement rule) =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/rules?workspace=Netskope")).EnumerateArray()
            .Single(r => r.GetProperty("id").GetInt64() == rule.GetProperty("id").GetInt64()).GetProperty("category").GetString();

    /// <summary>The category the compiled rules give the title on Function: what Lookup and the reports read.</summary>
    private async Task<string?> RuleTestAsync(string title) =>
        (await PostAsync("/api/rules/test?workspace=Netskope", new { title })).GetProperty("axes").EnumerateArray()
            .Single(a => a.GetProperty("axis").GetString() == "Function").GetProperty("category").GetString();

    private async Task<JsonElement> UploadMappingAsync(string text, bool preview)
    {
        using var response = await PostFileAsync(text, preview);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<HttpResponseMessage> PostFileAsync(string text, bool preview)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "mapping.csv");
        return await Client.PostAsync($"/api/taxonomy/Function/map/csv?workspace=Netskope&preview={(preview ? "true" : "false")}", content);
    }
}
