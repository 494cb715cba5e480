using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Features.Datasets;
using JobTitleStudio.Web.Tests.Features.Taxonomy;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Corrections;

/// <summary>Corrections made in a workspace hold for every model version made live there, not only the one they were made on.</summary>
public sealed class CorrectionReplayTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await DatasetApi.CreateWorkspaceAsync(Client, "Netskope");
        await DatasetApi.ImportAsync(Client, TaxonomyApiTests.LabelledInFourSpellings(), "Netskope", "Title", "Function", "Level");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_correction_is_replayed_onto_a_version_trained_without_it_when_that_version_is_made_live()
    {
        await MakeLiveAsync(await TrainAsync());
        const string title = "Widget Inspector";
        var before = await FunctionOfAsync(title);
        var corrected = before == "Legal" ? "Network" : "Legal";
        using (var correction = await Client.PostAsJsonAsync("/api/corrections?workspace=Netskope", new { title, axis = "Function", label = corrected }))
        {
            Assert.Equal(HttpStatusCode.OK, correction.StatusCode);
        }

        await MakeLiveAsync(await TrainAsync());

        Assert.Equal(corrected, await FunctionOfAsync(title));
    }

    private async Task<string> FunctionOfAsync(string title)
    {
        using var response = await Client.PostAsJsonAsync("/api/classify?workspace=Netskope", new { titles = new[] { title } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("results")[0].GetProperty("axes").GetProperty("Function").GetProperty("label").GetString()!;
    }

    private async Task MakeLiveAsync(int number)
    {
        using var response = await Client.PostAsync($"/api/models/{number}/live?workspace=Netskope", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<int> TrainAsync()
    {
        using var started = await Client.PostAsync("/api/models/train?workspace=Netskope", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var number = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        var deadline = DateTime.UtcNow + Patience;
        while ((await Client.GetFromJsonAsync<JsonElement>($"/api/models/{number}?workspace=Netskope")).GetProperty("status").GetString() is "queued" or "training")
        {
            Assert.True(DateTime.UtcNow < deadline, $"v{number} still training after {Patience}");
            await Task.Delay(100);
        }
        return number;
    }
}
