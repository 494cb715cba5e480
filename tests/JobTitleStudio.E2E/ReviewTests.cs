using System.Net.Http.Json;
using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class ReviewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jts-e2e-review-").FullName;

    [Fact]
    public async Task Enter_accepts_U_undoes_and_S_skips_without_touching_the_mouse()
    {
        await using var app = KestrelStudio.StartMisled(_folder);
        await app.WaitForModelAsync();
        using (var client = new HttpClient { BaseAddress = app.BaseAddress })
        {
            (await client.PostAsJsonAsync("/api/classify", new { titles = new[] { "Chief Bottle Washer", "Sales Manager" } })).EnsureSuccessStatusCode();
        }
        var context = await browser.Browser.NewContextAsync();
        var review = new ReviewPage(await context.NewPageAsync());
        await review.OpenAsync(app.BaseAddress);
        await Assertions.Expect(review.Progress).ToContainTextAsync("Reviewed today: 0 · Remaining: 4");
        var first = await review.Item.GetAttributeAsync("data-record");

        await review.PressAsync("Enter");
        await Assertions.Expect(review.Progress).ToContainTextAsync("Reviewed today: 1 · Remaining: 3");

        await review.PressAsync("u");
        await Assertions.Expect(review.Progress).ToContainTextAsync("Reviewed today: 0 · Remaining: 4");
        await Assertions.Expect(review.Item).ToHaveAttributeAsync("data-record", first!);

        await review.PressAsync("s");
        await Assertions.Expect(review.Item).Not.ToHaveAttributeAsync("data-record", first!);
        await Assertions.Expect(review.Progress).ToContainTextAsync("Reviewed today: 0 · Remaining: 4");
        await context.DisposeAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
