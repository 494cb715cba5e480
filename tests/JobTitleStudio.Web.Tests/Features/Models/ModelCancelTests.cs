using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Features.Datasets;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Models;

public sealed class ModelCancelTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await DatasetApi.CreateWorkspaceAsync(Client, "Agency");
        // Thousands of distinct titles, so training lasts long enough to be cancelled while it runs.
        var words = new[] { "Sales", "Marketing", "Software", "Recruiting", "Finance", "Legal", "Support", "Data", "Product", "Design" };
        var roles = new[] { "Manager", "Specialist", "Assistant", "Director", "Analyst", "Coordinator", "Consultant", "Lead" };
        var places = new[] { "Berlin", "Madrid", "London", "Paris", "Vienna", "Zurich", "Dublin", "Oslo", "Prague", "Lisbon", "Warsaw", "Rome" };
        var text = new StringBuilder("Title,Department\n");
        foreach (var word in words)
        {
            foreach (var role in roles)
            {
                foreach (var place in places)
                {
                    foreach (var prefix in new[] { "", "Senior ", "Junior ", "Global ", "Regional " })
                    {
                        text.Append(prefix).Append(word).Append(' ').Append(role).Append(' ').Append(place).Append(',').Append(word).Append('\n');
                    }
                }
            }
        }
        await DatasetApi.ImportAsync(Client, text.ToString(), "Agency", "Title", "Department");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_cancelled_version_ends_cancelled_keeps_no_model_file_and_cannot_go_live()
    {
        using var started = await Client.PostAsync("/api/models/train?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        using var cancelled = await Client.PostAsync("/api/models/1/cancel?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var deadline = DateTime.UtcNow + Patience;
        JsonElement version;
        while ((version = await Client.GetFromJsonAsync<JsonElement>("/api/models/1?workspace=Agency")).GetProperty("status").GetString() is "queued" or "training")
        {
            Assert.True(DateTime.UtcNow < deadline, "v1 did not stop");
            await Task.Delay(50);
        }
        Assert.Equal("cancelled", version.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("metrics").ValueKind);
        Assert.False(File.Exists(Path.Combine(_app.Factory.TempDirectory, "data", "models", "Agency", "v1.jtsm")));
        using var live = await Client.PostAsync("/api/models/1/live?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.Conflict, live.StatusCode);
        using var again = await Client.PostAsync("/api/models/1/cancel?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
