using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class NavigationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private KestrelStudio _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private StudioPage _studio = null!;

    public async Task InitializeAsync()
    {
        _app = KestrelStudio.Start();
        _context = await browser.Browser.NewContextAsync();
        _page = await _context.NewPageAsync();
        _studio = new StudioPage(_page);
        await _studio.OpenAsync(_app.BaseAddress);
    }

    [Fact]
    public async Task Clicking_an_area_in_the_navigation_shows_that_areas_page_inside_the_live_circuit()
    {
        await Assertions.Expect(_studio.Heading).ToHaveTextAsync("Lookup");
        await _page.EvaluateAsync("window.jtsSamePage = true");

        await _studio.GoToAreaAsync("Datasets");

        await Assertions.Expect(_studio.Heading).ToHaveTextAsync("Datasets");
        await Assertions.Expect(_studio.EmptyState).ToContainTextAsync("Import a labelled file to start a workspace");
        Assert.EndsWith("/datasets", _studio.Url);
        // The circuit routed the click: a full page load would have dropped the variable.
        Assert.True(await _page.EvaluateAsync<bool>("window.jtsSamePage === true"), "the click reloaded the whole page");
    }

    [Fact]
    public async Task The_workspace_picker_in_the_top_bar_shows_Default_and_offers_it_when_opened()
    {
        await Assertions.Expect(_studio.WorkspacePicker).ToContainTextAsync("Default");

        await _studio.WorkspacePicker.ClickAsync();

        await Assertions.Expect(_page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Default", Exact = true })).ToBeVisibleAsync();
    }

    public async Task DisposeAsync()
    {
        // InitializeAsync may have failed part-way.
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
