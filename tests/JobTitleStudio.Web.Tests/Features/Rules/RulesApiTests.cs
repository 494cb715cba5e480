using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Features.Datasets;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Rules;

/// <summary>The rules API on the Default workspace of the small test model (Function: Sales, Marketing, Human Resources, Information Technology, Finance; Level).</summary>
public sealed class RulesApiTests : IAsyncLifetime
{
    private AnalystApp _app = null!;

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync() => _app = await AnalystApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> CreateAsync(string axis, string keyword, string category, int priority)
    {
        using var response = await Client.PostAsJsonAsync("/api/rules", new { axis, keyword, category, priority, author = "tester" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(string fileName, string text, string query)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Add(file, "file", fileName);
        using var response = await Client.PostAsync($"/api/rules/import?{query}", content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<JsonElement> TestAsync(string title)
    {
        using var response = await Client.PostAsJsonAsync("/api/rules/test", new { title });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("axes").EnumerateArray().Single(a => a.GetProperty("axis").GetString() == "Function");
    }

    [Fact]
    public async Task A_rule_fires_in_the_tester_with_its_matched_text_beside_the_model_and_the_lower_priority_wins()
    {
        var marketing = await CreateAsync("function", "market*", "marketing", 5);
        Assert.Equal("Function", marketing.GetProperty("axis").GetString());
        Assert.Equal("Marketing", marketing.GetProperty("category").GetString());
        await CreateAsync("Function", "sales", "Sales", 1);

        var tested = await TestAsync("Sales and Marketing Director");

        Assert.Equal("Sales", tested.GetProperty("category").GetString());
        Assert.True(tested.GetProperty("conflict").GetBoolean());
        Assert.Equal(["Sales", "Marketing"], tested.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("category").GetString()));
        var winner = tested.GetProperty("winner");
        Assert.Equal("Sales", winner.GetProperty("matchedText").GetString());
        Assert.Equal("\"sales\" matched \"Sales\": Sales (priority 1)", winner.GetProperty("reason").GetString());
        Assert.Equal(marketing.GetProperty("id").GetInt64(), tested.GetProperty("matches")[1].GetProperty("ruleId").GetInt64());
        Assert.False(string.IsNullOrEmpty(tested.GetProperty("modelCategory").GetString()));
        Assert.InRange(tested.GetProperty("modelProbability").GetDouble(), 0, 1);

        var marketingOnly = await TestAsync("Marketing Manager");
        Assert.Equal("Marketing", marketingOnly.GetProperty("matches")[0].GetProperty("matchedText").GetString());
        Assert.Equal("Marketing", marketingOnly.GetProperty("modelCategory").GetString());
        Assert.True(marketingOnly.GetProperty("agrees").GetBoolean());
    }

    [Theory]
    [InlineData("Function", "", "Sales", 1, "The keyword cannot match a title: the keyword is empty.")]
    [InlineData("Function", "chief *tech", "Sales", 1, "has a * that does not end a word")]
    [InlineData("Function", "sales", "Procurement", 1, "Unknown category \"Procurement\" on axis Function. Valid categories: Sales, Marketing, Human Resources, Information Technology, Finance, Other.")]
    [InlineData("Department", "sales", "Sales", 1, "Unknown axis \"Department\" in workspace Default. Valid axes: Function, Level.")]
    [InlineData("Function", "sales", "Sales", -1, "The priority -1 is out of range")]
    public async Task A_rule_that_cannot_work_is_refused_with_what_to_fix(string axis, string keyword, string category, int priority, string message)
    {
        using var response = await Client.PostAsJsonAsync("/api/rules", new { axis, keyword, category, priority });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Empty((await Client.GetFromJsonAsync<JsonElement>("/api/rules")).EnumerateArray());
    }

    [Fact]
    public async Task The_same_keyword_twice_on_an_axis_is_a_conflict_and_an_unknown_workspace_is_not_found()
    {
        var first = await CreateAsync("Function", "Sales", "Sales", 1);

        using var twin = await Client.PostAsJsonAsync("/api/rules", new { axis = "Function", keyword = "  sales ", category = "Marketing", priority = 3 });
        Assert.Equal(HttpStatusCode.Conflict, twin.StatusCode);
        Assert.Contains($"already rule {first.GetProperty("id").GetInt64()} on Function", (await twin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var elsewhere = await Client.GetAsync("/api/rules?workspace=Nowhere");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Every_edit_is_recorded_with_before_and_after_and_undo_puts_each_back()
    {
        var rule = await CreateAsync("Function", "recruit*", "Human Resources", 5);
        var id = rule.GetProperty("id").GetInt64();

        using (var edited = await Client.PutAsJsonAsync($"/api/rules/{id}", new { priority = 2 }))
        {
            Assert.Equal(2, (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priority").GetInt32());
        }
        (await Client.PutAsJsonAsync($"/api/rules/{id}", new { enabled = false })).EnsureSuccessStatusCode();
        Assert.Null((await TestAsync("Recruiter")).GetProperty("category").GetString());
        (await Client.DeleteAsync($"/api/rules/{id}")).EnsureSuccessStatusCode();
        Assert.Empty((await Client.GetFromJsonAsync<JsonElement>("/api/rules")).EnumerateArray());

        var changes = await Client.GetFromJsonAsync<JsonElement>("/api/rules/changes");
        Assert.Equal(["delete", "disable", "edit", "create"], changes.EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        var edit = changes[2].GetProperty("rules")[0];
        Assert.Equal(5, edit.GetProperty("before").GetProperty("priority").GetInt32());
        Assert.Equal(2, edit.GetProperty("after").GetProperty("priority").GetInt32());
        Assert.Equal("tester", changes[3].GetProperty("author").GetString());
        Assert.Equal("api", changes[0].GetProperty("author").GetString());

        using (var undone = await Client.PostAsync($"/api/rules/changes/{changes[0].GetProperty("id").GetInt64()}/undo", null))
        {
            Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        }
        var back = (await Client.GetFromJsonAsync<JsonElement>("/api/rules")).EnumerateArray().Single();
        Assert.Equal(id, back.GetProperty("id").GetInt64());
        Assert.False(back.GetProperty("enabled").GetBoolean());
        (await Client.PostAsync($"/api/rules/changes/{changes[1].GetProperty("id").GetInt64()}/undo", null)).EnsureSuccessStatusCode();
        Assert.Equal("Human Resources", (await TestAsync("Recruiter")).GetProperty("category").GetString());

        using var again = await Client.PostAsync($"/api/rules/changes/{changes[0].GetProperty("id").GetInt64()}/undo", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // The creation cannot be undone while later edits of the rule stand: undoing it would silently drop them.
        using var stale = await Client.PostAsync($"/api/rules/changes/{changes[3].GetProperty("id").GetInt64()}/undo", null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed again since", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_CSV_import_previews_new_duplicate_and_invalid_rows_by_row_and_column_then_stores_the_good_ones_as_one_undoable_change()
    {
        await CreateAsync("Function", "sales", "Sales", 1);
        const string csv = "keyword;category;priority\nsales;Sales;1\nrecruit*;Human Resources;3\n;Finance;2\nbrand;Marketing;high\naudit*;Procurement;4\naccount*;Finance;4\n";

        var (status, preview) = await ImportAsync("rules.csv", csv, "axis=Function");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2, 1, 3), (preview.GetProperty("new").GetInt32(), preview.GetProperty("duplicates").GetInt32(), preview.GetProperty("invalid").GetInt32()));
        var errors = preview.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Contains("Row 4, column \"keyword\": the keyword is empty.", errors);
        Assert.Contains(errors, e => e.StartsWith("Row 5, column \"priority\": the priority \"high\" is not a whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Unknown category \"Procurement\" on axis Function.", StringComparison.Ordinal) && e.EndsWith("Its 1 keyword (\"audit*\") was skipped.", StringComparison.Ordinal));
        Assert.Single((await Client.GetFromJsonAsync<JsonElement>("/api/rules")).EnumerateArray());

        var (_, applied) = await ImportAsync("rules.csv", csv, "axis=Function&apply=true");

        var change = applied.GetProperty("applied");
        Assert.Equal("import", change.GetProperty("kind").GetString());
        Assert.Equal(["sales", "recruit*", "account*"], (await Client.GetFromJsonAsync<JsonElement>("/api/rules")).EnumerateArray().Select(r => r.GetProperty("keyword").GetString()));
        (await Client.PostAsync($"/api/rules/changes/{change.GetProperty("id").GetInt64()}/undo", null)).EnsureSuccessStatusCode();
        Assert.Single((await Client.GetFromJsonAsync<JsonElement>("/api/rules")).EnumerateArray());
    }

    [Fact]
    public async Task A_keyword_map_takes_the_categories_the_axis_has_and_reports_the_rest()
    {
        const string map = """{"Finance": ["accountant", "auditor"], "Engineering": ["engineer"], "Sales": ["account executive"]}""";

        var (status, applied) = await ImportAsync("job-areas.json", map, "axis=Function&priority=7&apply=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((3, 1), (applied.GetProperty("new").GetInt32(), applied.GetProperty("invalid").GetInt32()));
        Assert.StartsWith("Unknown category \"Engineering\" on axis Function.", applied.GetProperty("errors")[0].GetProperty("message").GetString());
        var rules = (await Client.GetFromJsonAsync<JsonElement>("/api/rules?axis=Function")).EnumerateArray().ToList();
        Assert.All(rules, r => Assert.Equal(7, r.GetProperty("priority").GetInt32()));
        Assert.Equal("Sales", (await TestAsync("Senior Account Executive")).GetProperty("category").GetString());
    }

    [Fact]
    public async Task An_import_without_a_file_or_an_axis_says_what_to_send()
    {
        using var notMultipart = await Client.PostAsJsonAsync("/api/rules/import", new { });
        Assert.Equal(HttpStatusCode.BadRequest, notMultipart.StatusCode);
        var (status, body) = await ImportAsync("rules.csv", "keyword,category,priority\nsales,Sales,1\n", "");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Say which axis the rules are for (axis): Function, Level.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reports_list_conflicts_disagreements_with_the_model_and_suggestions_from_the_records_and_export_them_as_CSV()
    {
        const string labelled = "Title,Function\nSales Manager,Sales\nSales Manager,Sales\nMarketing Manager,Marketing\nSales and Marketing Lead,Marketing\nRecruiter,Human Resources\nSenior Recruiter,Human Resources\nPayroll Clerk,Finance\nPayroll Specialist,Human Resources\n=HYPERLINK(\"x\") Sales Marketing,Sales\n";
        await DatasetApi.ImportAsync(Client, labelled, "Default", "Title", "Function");
        await CreateAsync("Function", "sales", "Sales", 1);
        await CreateAsync("Function", "marketing", "Marketing", 2);
        // Wrong on purpose: the model (and the records) say Human Resources.
        await CreateAsync("Function", "recruiter", "Finance", 3);

        var report = await Client.GetFromJsonAsync<JsonElement>("/api/rules/reports");

        Assert.Equal(9, report.GetProperty("records").GetInt32());
        var conflicts = report.GetProperty("conflicts").EnumerateArray().ToList();
        Assert.Equal(["=HYPERLINK(\"x\") Sales Marketing", "Sales and Marketing Lead"], conflicts.Select(c => c.GetProperty("title").GetString()));
        var conflict = conflicts[1];
        Assert.Equal(["\"sales\" → Sales (1)", "\"marketing\" → Marketing (2)"], conflict.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        var disagreements = report.GetProperty("disagreements").EnumerateArray().ToList();
        Assert.Contains(disagreements, d => d.GetProperty("title").GetString() == "Recruiter" && d.GetProperty("ruleCategory").GetString() == "Finance"
            && d.GetProperty("modelCategory").GetString() == "Human Resources" && d.GetProperty("label").GetString() == "Human Resources");
        var suggestions = report.GetProperty("suggestions").EnumerateArray().Single().GetProperty("suggestions").EnumerateArray().ToList();
        Assert.DoesNotContain(suggestions, s => s.GetProperty("keyword").GetString() is "sales" or "recruiter");
        Assert.Contains(suggestions, s => s.GetProperty("keyword").GetString() == "manager");
        // The live model knows Function, so every suggestion carries its probability for the word alone.
        Assert.All(suggestions, s => Assert.InRange(s.GetProperty("modelProbability").GetDouble(), 0, 1));

        var csv = await Client.GetStringAsync("/api/rules/reports/disagreements/csv");
        Assert.StartsWith("\uFEFFtitle,records,axis,rule_category,rule_keyword,model_category,model_probability,label\r\n", csv);
        Assert.Contains("\r\n\"'=HYPERLINK(\"\"x\"\") Sales Marketing\",1,Function,Sales,", await Client.GetStringAsync("/api/rules/reports/conflicts/csv"));
        var suggestionsCsv = await Client.GetStringAsync("/api/rules/reports/suggestions/csv");
        Assert.StartsWith("\uFEFFaxis,category,keyword,records,total,precision,lift,model_probability\r\n", suggestionsCsv);
        Assert.Contains("\r\nFunction,Sales,manager,2,3,0.6667,", suggestionsCsv);
        using var unknown = await Client.GetAsync("/api/rules/reports/everything/csv");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_seed_keyword_maps_fill_Function_and_Level_with_the_categories_the_model_has_and_name_the_rest()
    {
        var importer = _app.Service<JobTitleStudio.Web.Features.Rules.RuleImporter>();
        var live = await _app.Service<JobTitleStudio.Web.Features.Rules.RuleService>().WorkspaceAsync("Default");

        var previews = await importer.ImportSeedMapsAsync(live, apply: true, "tester");

        Assert.Equal([("job-areas.json", "Function"), ("job-levels.json", "Level")], previews.Select(p => (p.FileName, p.Axis)));
        var rules = (await Client.GetFromJsonAsync<JsonElement>("/api/rules")).EnumerateArray().ToList();
        Assert.Equal(previews.Sum(p => p.New), rules.Count);
        // The test model's Function has Sales, Marketing, Human Resources, Information Technology, Finance: "IT" is not one of them.
        Assert.Equal(["Finance", "Human Resources", "Marketing"], rules.Where(r => r.GetProperty("axis").GetString() == "Function").Select(r => r.GetProperty("category").GetString()).Distinct().Order());
        Assert.Equal(["Director", "Manager"], rules.Where(r => r.GetProperty("axis").GetString() == "Level").Select(r => r.GetProperty("category").GetString()).Distinct().Order());
        Assert.Contains(previews[0].Errors, e => e.Message.StartsWith("Unknown category \"IT\" on axis Function.", StringComparison.Ordinal));
        Assert.Equal("Finance", (await TestAsync("Financial Controller")).GetProperty("category").GetString());
    }
}
