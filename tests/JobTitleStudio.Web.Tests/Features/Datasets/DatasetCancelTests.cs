using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Datasets;

public sealed class DatasetCancelTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync() => await DatasetApi.CreateWorkspaceAsync(Client, "Agency");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Cancelling_a_running_import_removes_its_records_and_the_axis_and_categories_it_created()
    {
        // Large enough to import over many 2,000-record chunks, so it is cancelled mid-way.
        var text = new StringBuilder("Title,Division\n");
        for (var i = 0; i < 300_000; i++)
        {
            text.Append("Sales Manager ").Append(i % 997).Append(",Division ").Append(i % 7).Append('\n');
        }
        using var upload = await DatasetApi.UploadAsync(Client, text.ToString(), "Agency", "Title", "Division");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var deadline = DateTime.UtcNow + Patience;
        while ((await Dataset(id)).GetProperty("recordsImported").GetInt64() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no chunk was imported");
            await Task.Delay(20);
        }

        using var cancelled = await Client.PostAsync($"/api/datasets/{id}/cancel?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        JsonElement dataset;
        while ((dataset = await Dataset(id)).GetProperty("status").GetString() is "queued" or "running")
        {
            Assert.True(DateTime.UtcNow < deadline, "the import did not stop");
            await Task.Delay(20);
        }
        Assert.Equal("cancelled", dataset.GetProperty("status").GetString());
        Assert.Equal(0, dataset.GetProperty("recordsImported").GetInt64());
        Assert.Contains("removed", dataset.GetProperty("message").GetString());
        Assert.Equal(0, (await Client.GetFromJsonAsync<JsonElement>("/api/datasets/records?workspace=Agency")).GetProperty("total").GetInt32());
        Assert.Empty((await Client.GetFromJsonAsync<JsonElement>("/api/datasets/axes?workspace=Agency")).EnumerateArray());

        using var again = await Client.PostAsync($"/api/datasets/{id}/cancel?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await Client.PostAsync("/api/datasets/999/cancel?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<JsonElement> Dataset(int id) => await Client.GetFromJsonAsync<JsonElement>($"/api/datasets/{id}?workspace=Agency");
}
