using System.Net;
using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;

namespace JobTitleStudio.E2E;

public sealed class PublishedAppTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("jts-publish-test-").FullName;

    [Fact]
    public async Task Publish_output_runs_on_its_own_in_Production_with_its_settings_assets_database_and_live_circuit()
    {
        await using var app = await PublishedStudio.PublishAndStartAsync(_temp);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using (var root = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        }

        foreach (var path in new[]
                 {
                     "/css/app.css", "/_content/Radzen.Blazor/css/material-base.css",
                     "/_content/Radzen.Blazor/Radzen.Blazor.js", "/_framework/blazor.web.js",
                 })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}\n{app.Output}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000, $"{path} is nearly empty");
        }

        // The publish folder's own appsettings.json was used: its relative data/ path resolved inside the publish folder.
        Assert.True(File.Exists(Path.Combine(app.Folder, "data", "jobtitlestudio.db")), app.Output);
        Assert.Contains("\"reachable\":true", await ReadHealthAsync(client));
        Assert.Contains("Hosting environment: Production", app.Output);

        await using var context = await browser.Browser.NewContextAsync();
        var studio = new StudioPage(await context.NewPageAsync());
        await studio.OpenAsync(app.BaseAddress);
    }

    private static async Task<string> ReadHealthAsync(HttpClient client)
    {
        // 503 while no model is loaded is expected; the body still reports the database.
        using var response = await client.GetAsync("/health");
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
