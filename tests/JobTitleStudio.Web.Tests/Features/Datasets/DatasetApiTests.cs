using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Datasets;

public sealed class DatasetApiTests : IAsyncLifetime
{
    /// <summary>Row 3 has no title, rows 5 and 7 miss a label (row numbers count the header as row 1).</summary>
    private const string Labelled = """
        Job Title,Function,Level,Note
        Marketing Manager,Marketing,Manager,a
        ,Sales,Manager,no title
        Sr. Software Engineer,Engineering,Senior,b
        Account Executive,,Staff,no function
        VP Sales,Sales,Executive,c
        Data Analyst,Engineering,,no level
        """;

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await DatasetApi.CreateWorkspaceAsync(Client, "Agency");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Importing_counts_rows_missing_a_title_or_a_label_with_their_row_numbers()
    {
        var dataset = await DatasetApi.ImportAsync(Client, Labelled, "Agency", "Job Title", "Function,Level");

        Assert.Equal("completed", dataset.GetProperty("status").GetString());
        Assert.Equal(6, dataset.GetProperty("rowsRead").GetInt64());
        Assert.Equal(5, dataset.GetProperty("recordsImported").GetInt64());
        Assert.Equal(1, dataset.GetProperty("rowsMissingTitle").GetInt64());
        Assert.Equal([3L], dataset.GetProperty("firstRowsMissingTitle").EnumerateArray().Select(r => r.GetInt64()));
        Assert.Equal(2, dataset.GetProperty("rowsMissingLabel").GetInt64());
        Assert.Equal([5L, 7L], dataset.GetProperty("firstRowsMissingLabel").EnumerateArray().Select(r => r.GetInt64()));
    }

    [Fact]
    public async Task Each_label_column_becomes_an_axis_of_the_workspace_with_its_categories()
    {
        await DatasetApi.ImportAsync(Client, Labelled, "Agency", "Job Title", "Function", "Level=Seniority");

        var axes = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/axes?workspace=Agency");

        Assert.Equal(["Function", "Seniority"], axes.EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(["Engineering", "Marketing", "Sales"], axes[0].GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var defaultAxes = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/axes");
        Assert.Equal(0, defaultAxes.GetArrayLength());
    }

    [Fact]
    public async Task A_second_file_mapped_onto_an_existing_axis_adds_its_categories_there()
    {
        await DatasetApi.ImportAsync(Client, Labelled, "Agency", "Job Title", "Function");

        await DatasetApi.ImportAsync(Client, "Title,Dept\nRecruiter,People\n", "Agency", "Title", "Dept=function");

        var axes = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/axes?workspace=Agency");
        var function = Assert.Single(axes.EnumerateArray());
        Assert.Contains("People", function.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var datasets = await Client.GetFromJsonAsync<JsonElement>("/api/datasets?workspace=Agency");
        Assert.Equal(2, datasets.GetArrayLength());
    }

    [Fact]
    public async Task Records_are_paged_and_filtered_by_label_and_source_and_an_edit_makes_the_source_analyst_and_is_recorded()
    {
        await DatasetApi.ImportAsync(Client, Labelled, "Agency", "Job Title", "Function", "Level");

        var engineering = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?workspace=Agency&axis=Function&label=Engineering");
        Assert.Equal(2, engineering.GetProperty("total").GetInt32());
        Assert.Equal("senior software engineer", engineering.GetProperty("items")[0].GetProperty("normalized").GetString());
        var id = engineering.GetProperty("items")[0].GetProperty("id").GetInt64();

        using var edited = await Client.PutAsJsonAsync($"/api/datasets/records/{id}/labels?workspace=Agency", new { axis = "Function", label = "Data" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var analyst = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?workspace=Agency&axis=Function&source=analyst");
        var record = Assert.Single(analyst.GetProperty("items").EnumerateArray());
        Assert.Equal(id, record.GetProperty("id").GetInt64());
        Assert.Equal("Data", record.GetProperty("labels")[0].GetProperty("label").GetString());
        var change = Assert.Single((await Client.GetFromJsonAsync<JsonElement>("/api/label-changes?workspace=Agency")).EnumerateArray());
        Assert.Equal("Edit", change.GetProperty("kind").GetString());
        Assert.Contains("on Function: Engineering → Data", change.GetProperty("description").GetString());
        var page = await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?workspace=Agency&skip=4&take=2");
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.Equal("Data Analyst", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("Job Title", "", "Choose at least one label column")]
    [InlineData("Job Title", "Grade", "There is no column \"Grade\"")]
    [InlineData("Job Title", "Job Title", "is the title column")]
    [InlineData("Job Title", "Function=X,Level=x", "Two label columns fill the axis")]
    public async Task A_wrong_column_choice_is_refused_with_the_reason(string titleColumn, string labelColumns, string reason)
    {
        using var response = await DatasetApi.UploadAsync(Client, Labelled, "Agency", titleColumn, labelColumns);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
