using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Workspaces;

public sealed class WorkspacesApiTests : IAsyncLifetime
{
    private AnalystApp _app = null!;

    public async Task InitializeAsync() => _app = await AnalystApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_created_workspace_is_listed_by_name_beside_Default()
    {
        using var created = await _app.Client.PostAsJsonAsync("/api/workspaces", new { name = " Agency " });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Agency", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        var listed = await _app.Client.GetFromJsonAsync<JsonElement>("/api/workspaces");
        Assert.Equal(["Agency", "Default"], listed.EnumerateArray().Select(w => w.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("agency", HttpStatusCode.Conflict, "already a workspace \"Agency\"")]
    [InlineData("", HttpStatusCode.BadRequest, "needs a name")]
    [InlineData("../etc", HttpStatusCode.BadRequest, "is not a workspace name")]
    public async Task A_taken_or_invalid_name_is_refused_with_the_reason(string name, HttpStatusCode status, string reason)
    {
        (await _app.Client.PostAsJsonAsync("/api/workspaces", new { name = "Agency" })).EnsureSuccessStatusCode();

        using var response = await _app.Client.PostAsJsonAsync("/api/workspaces", new { name });

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_new_workspace_has_no_model_so_classify_in_it_says_there_is_none()
    {
        (await _app.Client.PostAsJsonAsync("/api/workspaces", new { name = "Agency" })).EnsureSuccessStatusCode();

        using var response = await _app.Client.PostAsJsonAsync("/api/classify?workspace=Agency", new { titles = new[] { "Software Engineer" } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Agency", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
