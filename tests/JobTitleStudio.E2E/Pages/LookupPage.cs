using Microsoft.Playwright;

namespace JobTitleStudio.E2E.Pages;

/// <summary>Page object for Lookup: the search box, one result block per title, one card per axis, the correction picker.</summary>
public sealed class LookupPage(IPage page)
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(20).TotalMilliseconds;

    public ILocator SearchBox => page.GetByTestId("lookup-input");

    public ILocator Results => page.GetByTestId("lookup-result");

    /// <summary>The note shown while the live model answers through a category map.</summary>
    public ILocator MappedNote => page.GetByRole(AriaRole.Note);

    public ILocator Card(string axis) => page.Locator($"[data-testid=axis-card][data-axis='{axis}']");

    public ILocator Winner(string axis) => Card(axis).GetByTestId("axis-winner");

    public ILocator Probability(string axis) => Card(axis).GetByTestId("axis-probability");

    /// <summary>Waits for the live circuit and for the live model: the search box only shows once a model is loaded.</summary>
    public async Task OpenAsync(Uri baseAddress)
    {
        await new StudioPage(page).OpenAsync(baseAddress);
        await SearchBox.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
    }

    /// <summary>Types the title and presses Enter, as an analyst does.</summary>
    public async Task LookUpAsync(string title)
    {
        await SearchBox.FillAsync(title);
        await SearchBox.PressAsync("Enter");
        await Assertions.Expect(Results.First).ToContainTextAsync(title, new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
    }

    /// <summary>Opens the axis's picker, filters by <paramref name="filter"/> and saves the first match with Enter.</summary>
    public async Task CorrectAsync(string axis, string filter)
    {
        await Card(axis).GetByTestId("correct-button").ClickAsync();
        var box = Card(axis).GetByRole(AriaRole.Combobox);
        await box.FillAsync(filter);
        await box.PressAsync("Enter");
    }
}
