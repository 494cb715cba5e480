using Microsoft.Playwright;

namespace JobTitleStudio.E2E.Pages;

/// <summary>Page object for the app shell: top bar, left navigation, and the current area's heading.</summary>
public sealed class StudioPage(IPage page)
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(20).TotalMilliseconds;

    public ILocator Heading => page.Locator("main h1");

    public ILocator WorkspacePicker => page.Locator(".studio-workspace-picker .rz-dropdown");

    public ILocator EmptyState => page.GetByRole(AriaRole.Status);

    public string Url => page.Url;

    /// <summary>Opens the app and waits for the live circuit: clicks on the prerendered page are silently lost.</summary>
    public async Task OpenAsync(Uri baseAddress)
    {
        var response = await page.GotoAsync(baseAddress.ToString());
        if (response is null || response.Status != 200)
        {
            throw new InvalidOperationException($"{baseAddress} answered {response?.Status}");
        }

        await page.GetByTestId("circuit-ready").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
    }

    public Task GoToAreaAsync(string area) =>
        page.GetByRole(AriaRole.Navigation, new PageGetByRoleOptions { Name = "Areas" })
            .GetByRole(AriaRole.Menuitem, new LocatorGetByRoleOptions { Name = area, Exact = true })
            .ClickAsync(new LocatorClickOptions { Timeout = Timeout });
}
