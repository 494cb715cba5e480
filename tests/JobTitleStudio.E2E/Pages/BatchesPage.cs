using Microsoft.Playwright;

namespace JobTitleStudio.E2E.Pages;

/// <summary>Page object for Batches: the drop zone, the preview with its column picker, progress, summary and downloads.</summary>
public sealed class BatchesPage(IPage page)
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(30).TotalMilliseconds;

    public ILocator Preview => page.GetByTestId("batch-preview");

    public ILocator Summary => page.GetByTestId("batch-summary");

    public ILocator Status => Summary.GetByTestId("batch-status");

    public ILocator ProgressBar => Summary.GetByTestId("batch-progress-bar");

    public ILocator SummaryRows => page.GetByTestId("batch-summary-rows");

    public ILocator Jobs => page.GetByTestId("batch-jobs");

    /// <summary>Opens /batches and waits for the live circuit: an upload on the prerendered page would be lost.</summary>
    public async Task OpenAsync(Uri baseAddress)
    {
        var response = await page.GotoAsync(new Uri(baseAddress, "batches").ToString());
        if (response is null || response.Status != 200)
        {
            throw new InvalidOperationException($"/batches answered {response?.Status}");
        }
        await page.GetByTestId("circuit-ready").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
    }

    /// <summary>Puts a file on the drop zone's file input, as a drop or a pick would.</summary>
    public async Task UploadAsync(string path)
    {
        await page.GetByTestId("batch-file").SetInputFilesAsync(path);
        await Preview.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
    }

    public ILocator PreviewHeader(string column) => Preview.Locator("th", new LocatorLocatorOptions { HasTextString = column });

    public async Task ChooseTitleColumnAsync(string column)
    {
        await page.GetByTestId("batch-title-column").ClickAsync(new LocatorClickOptions { Timeout = Timeout });
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = column, Exact = true }).ClickAsync(new LocatorClickOptions { Timeout = Timeout });
    }

    public Task ClassifyAsync() => page.GetByTestId("batch-start").ClickAsync(new LocatorClickOptions { Timeout = Timeout });

    /// <summary>Clicks a download button of the summary and returns the downloaded file's path.</summary>
    public async Task<(string Path, string SuggestedName)> DownloadAsync(string format)
    {
        var download = await page.RunAndWaitForDownloadAsync(
            () => Summary.GetByTestId($"batch-download-{format}").ClickAsync(),
            new PageRunAndWaitForDownloadOptions { Timeout = Timeout });
        return (await download.PathAsync(), download.SuggestedFilename);
    }
}
