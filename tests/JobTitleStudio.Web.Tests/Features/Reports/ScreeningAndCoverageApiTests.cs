using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Features.Datasets;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Reports;

public sealed class ScreeningAndCoverageApiTests : IAsyncLifetime
{
    /// <summary>Two junk titles, one German title among English ones, one record without a Level, and rare categories.</summary>
    private const string Labelled = """
        Title,Department,Level
        Senior Software Engineer,Engineering,Senior
        Software Engineer,Engineering,Staff
        Java Developer,Engineering,Staff
        Backend Developer,Engineering,Staff
        Frontend Developer,Engineering,Staff
        Registered Nurse,Health,Staff
        Marketing Manager,Marketing,Manager
        Verkaufsleiterin Außendienst,Sales,Manager
        12345 !!!,Sales,Staff
        ###,Sales,
        """;

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await DatasetApi.CreateWorkspaceAsync(Client, "Agency");
        await DatasetApi.ImportAsync(Client, Labelled, "Agency", "Title", "Department", "Level");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Junk_titles_come_with_their_reason_and_the_german_title_is_foreign_in_an_english_workspace()
    {
        var report = await Client.GetFromJsonAsync<JsonElement>("/api/reports/junk?workspace=Agency");

        Assert.Equal(("en", true), (report.GetProperty("mainLanguage").GetString(), report.GetProperty("mainLanguageIsGuessed").GetBoolean()));
        Assert.Equal((2, 1), (report.GetProperty("junk").GetInt32(), report.GetProperty("foreign").GetInt32()));
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        var junk = rows.Where(r => r.GetProperty("kind").GetString() == "junk").ToList();
        Assert.Equal(["12345 !!!", "###"], junk.Select(r => r.GetProperty("title").GetString()));
        Assert.All(junk, r => Assert.Equal("NoLetters", r.GetProperty("junkKind").GetString()));
        Assert.Contains("no letters", junk[0].GetProperty("reason").GetString());
        var foreign = Assert.Single(rows, r => r.GetProperty("kind").GetString() == "foreign");
        Assert.Equal(("Verkaufsleiterin Außendienst", "de"), (foreign.GetProperty("title").GetString(), foreign.GetProperty("language").GetString()));

        var onlyForeign = await Client.GetFromJsonAsync<JsonElement>("/api/reports/junk?workspace=Agency&kind=foreign");
        Assert.Equal(1, onlyForeign.GetProperty("rows").GetArrayLength());
        var german = await Client.GetFromJsonAsync<JsonElement>("/api/reports/junk?workspace=Agency&language=de");
        Assert.Equal(7, german.GetProperty("foreign").GetInt32());
        using var bad = await Client.GetAsync("/api/reports/junk?workspace=Agency&kind=odd");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var csv = await Client.GetStringAsync("/api/reports/junk/csv?workspace=Agency");
        Assert.StartsWith("\uFEFFrecord_id,title,kind,junk_kind,reason,language,language_confidence", csv);
        Assert.Equal(4, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Coverage_counts_categories_marks_rare_ones_and_lists_records_missing_a_label()
    {
        var report = await Client.GetFromJsonAsync<JsonElement>("/api/reports/coverage?workspace=Agency");

        Assert.Equal((10, 5), (report.GetProperty("records").GetInt32(), report.GetProperty("rareBelow").GetInt32()));
        var department = report.GetProperty("axes")[0];
        Assert.Equal("Department", department.GetProperty("axis").GetString());
        Assert.Equal(["Engineering", "Sales", "Health", "Marketing"], department.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("category").GetString()));
        Assert.Equal(3, department.GetProperty("rareCategories").GetInt32());
        var level = report.GetProperty("axes")[1];
        Assert.Equal(1, level.GetProperty("recordsMissingLabel").GetInt32());
        var missing = Assert.Single(report.GetProperty("missingLabels").EnumerateArray());
        Assert.Equal(("###", "Level"), (missing.GetProperty("title").GetString(), missing.GetProperty("missingAxes")[0].GetString()));

        var strict = await Client.GetFromJsonAsync<JsonElement>("/api/reports/coverage?workspace=Agency&rareBelow=2");
        Assert.Equal(2, strict.GetProperty("axes")[0].GetProperty("rareCategories").GetInt32());
        using var bad = await Client.GetAsync("/api/reports/coverage?workspace=Agency&rareBelow=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var csv = await Client.GetStringAsync("/api/reports/coverage/csv?workspace=Agency");
        Assert.StartsWith("\uFEFFaxis,category,records,status", csv);
        Assert.Contains("Department,Health,1,rare", csv);
        Assert.Contains("Level,,1,missing label", csv);
    }
}
