using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class LookupTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Title = "Talent acquisition manager";
    private readonly string _folder = Directory.CreateTempSubdirectory("jts-e2e-lookup-").FullName;

    [Fact]
    public async Task Typing_a_title_and_Enter_shows_a_card_per_axis_with_the_winner_and_its_probability()
    {
        await using var app = KestrelStudio.StartMisled(_folder);
        var (context, lookup) = await OpenAsync(app);

        await lookup.LookUpAsync("Director of Marketing");

        await Assertions.Expect(lookup.Winner("Function")).ToHaveTextAsync("Marketing");
        await Assertions.Expect(lookup.Winner("Level")).ToHaveTextAsync("Director");
        await Assertions.Expect(lookup.Probability("Function")).ToContainTextAsync("%");
        await Assertions.Expect(lookup.Card("Function").Locator(".rz-chart svg")).ToBeVisibleAsync();
        await context.DisposeAsync();
    }

    [Fact]
    public async Task A_correction_made_in_the_page_shows_at_once_reaches_the_API_and_survives_a_restart()
    {
        await using (var app = KestrelStudio.StartMisled(_folder))
        {
            var (context, lookup) = await OpenAsync(app);
            await lookup.LookUpAsync(Title);
            await Assertions.Expect(lookup.Winner("Function")).ToHaveTextAsync("Sales");

            await lookup.CorrectAsync("Function", "human");

            await Assertions.Expect(lookup.Winner("Function")).ToHaveTextAsync("Human Resources");
            await Assertions.Expect(lookup.Card("Function").GetByTestId("last-correction")).ToContainTextAsync("Sales → Human Resources");
            Assert.Equal("Human Resources", await ClassifyFunctionAsync(app, Title));
            await context.DisposeAsync();
        }

        await using var restarted = KestrelStudio.StartMisled(_folder);
        var (again, page) = await OpenAsync(restarted);
        await page.LookUpAsync(Title);

        await Assertions.Expect(page.Winner("Function")).ToHaveTextAsync("Human Resources");
        Assert.Equal("Human Resources", await ClassifyFunctionAsync(restarted, "Talent acq. mgr"));
        await again.DisposeAsync();
    }

    private async Task<(IBrowserContext Context, LookupPage Lookup)> OpenAsync(KestrelStudio app)
    {
        var context = await browser.Browser.NewContextAsync();
        var lookup = new LookupPage(await context.NewPageAsync());
        await lookup.OpenAsync(app.BaseAddress);
        return (context, lookup);
    }

    private static async Task<string?> ClassifyFunctionAsync(KestrelStudio app, string title)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/classify", new { titles = new[] { title } });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("results")[0].GetProperty("axes").GetProperty("Function").GetProperty("label").GetString();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
