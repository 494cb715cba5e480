using Microsoft.Playwright;

namespace JobTitleStudio.E2E.Pages;

/// <summary>Page object for Datasets' import card: choose a labelled file, tick its label columns, import it.</summary>
public sealed class DatasetsPage(IPage page)
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(60).TotalMilliseconds;

    /// <summary>Imports <paramref name="path"/> with the given label columns and waits until the import has completed.</summary>
    public async Task ImportAsync(string path, params string[] labelColumns)
    {
        await ChooseFileAsync(path);
        foreach (var column in labelColumns)
        {
            await page.GetByTestId("dataset-label-choice").Filter(new LocatorFilterOptions { HasText = column }).Locator(".rz-chkbox-box").ClickAsync();
        }
        await page.GetByTestId("dataset-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("datasets-table")).ToContainTextAsync("completed", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
    }

    /// <summary>
    /// Chooses the file again when nothing follows: on a busy machine the file input's script may attach after
    /// Playwright set the file, and the change is then lost. Once the upload has visibly started, it is waited for and
    /// never restarted, because a second choice while the first streams would race it.
    /// </summary>
    public async Task ChooseFileAsync(string path)
    {
        var preview = page.GetByTestId("dataset-preview");
        var error = page.GetByTestId("dataset-import-error");
        var started = preview.Or(page.GetByText("Uploading ")).Or(error);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Datasets", new LocatorAssertionsToHaveTextOptions { Timeout = Timeout });
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId("dataset-file").SetInputFilesAsync(path);
            try
            {
                await started.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout / 3 });
                break;
            }
            catch (TimeoutException) when (attempt < 5)
            {
                // Try again.
            }
        }
        await preview.Or(error).First.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout * 2 });
        if (await error.IsVisibleAsync())
        {
            throw new InvalidOperationException($"The import card refused {Path.GetFileName(path)}: {await error.InnerTextAsync()}");
        }
    }
}
