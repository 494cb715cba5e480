using System.Net;
using System.Net.Http.Json;
using JobTitleStudio.Tests.Shared;
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
        await DatasetApi.ImportAsync(Client, LongTrainingData.Csv(), "Agency", "Title", "Department");
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
