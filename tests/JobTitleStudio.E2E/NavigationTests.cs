using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class NavigationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Clicking_an_area_in_the_navigation_shows_that_areas_page_inside_the_live_circuit()
    {
        await using var app = KestrelStudio.Start();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var studio = new StudioPage(page);

        await studio.OpenAsync(app.BaseAddress);
        await Assertions.Expect(studio.Heading).ToHaveTextAsync("Lookup");
        await Assertions.Expect(studio.WorkspacePicker).ToContainTextAsync("Default");

        await page.EvaluateAsync("window.jtsSamePage = true");

        await studio.GoToAreaAsync("Datasets");

        await Assertions.Expect(studio.Heading).ToHaveTextAsync("Datasets");
        await Assertions.Expect(studio.EmptyState).ToContainTextAsync("Import a labelled file to start a workspace");
        Assert.EndsWith("/datasets", studio.Url);
        // The circuit routed the click: a full page load would have dropped the variable.
        Assert.True(await page.EvaluateAsync<bool>("window.jtsSamePage === true"), "the click reloaded the whole page");
    }
}
