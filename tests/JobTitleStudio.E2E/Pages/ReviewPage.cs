using Microsoft.Playwright;

namespace JobTitleStudio.E2E.Pages;

/// <summary>Page object for Review: the current item, its progress line, and the keyboard.</summary>
public sealed class ReviewPage(IPage page)
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(20).TotalMilliseconds;

    public ILocator Title => page.GetByTestId("review-title");

    public ILocator Progress => page.GetByTestId("review-progress");

    /// <summary>The item on screen: its prediction record id (one title has an item per axis).</summary>
    public ILocator Item => page.GetByTestId("review-surface");

    public async Task OpenAsync(Uri baseAddress)
    {
        await page.GotoAsync(new Uri(baseAddress, "review").ToString());
        await page.GetByTestId("review-surface").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
    }

    /// <summary>Presses a key with no element clicked first: Review must work from the keyboard alone.</summary>
    public Task PressAsync(string key) => page.Keyboard.PressAsync(key);
}
