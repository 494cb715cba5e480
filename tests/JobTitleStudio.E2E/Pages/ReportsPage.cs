using Microsoft.Playwright;

namespace JobTitleStudio.E2E.Pages;

/// <summary>Page object for Reports' likely label errors: run the search, read its rows, accept a suggestion.</summary>
public sealed class ReportsPage(IPage page)
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(120).TotalMilliseconds;

    public ILocator LastRun => page.GetByTestId("label-errors-last");

    public ILocator Rows => page.GetByTestId("label-errors-table").Locator("tbody tr");

    public ILocator LabelChanges => page.GetByTestId("label-changes");

    public async Task OpenLabelErrorsAsync()
    {
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Likely label errors" }).ClickAsync();
        await page.GetByTestId("label-errors").WaitForAsync();
    }

    /// <summary>Starts a search and waits until it has completed.</summary>
    public async Task RunAsync()
    {
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Find likely label errors" }).ClickAsync();
        await Assertions.Expect(LastRun).ToContainTextAsync("completed", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
    }

    /// <summary>Accepts the suggestion of the row for <paramref name="title"/>.</summary>
    public Task AcceptAsync(string title) =>
        Rows.Filter(new LocatorFilterOptions { HasText = title }).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { NameRegex = new System.Text.RegularExpressions.Regex("^Accept ") }).ClickAsync();
}
