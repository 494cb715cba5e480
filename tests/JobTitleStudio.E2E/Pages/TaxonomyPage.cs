using Microsoft.Playwright;

namespace JobTitleStudio.E2E.Pages;

/// <summary>Page object for Taxonomy: an axis's tree with its counts, the edit forms, the preview and its confirmation.</summary>
public sealed class TaxonomyPage(IPage page)
{
    public ILocator Tree => page.GetByTestId("taxonomy-tree");

    public ILocator Plan => page.GetByTestId("taxonomy-plan");

    /// <summary>The note shown while the live model answers through a category map.</summary>
    public ILocator MappedNote => page.GetByTestId("mapped-note");

    public ILocator Count(string category) => Tree.Locator($"tr[data-category=\"{category}\"]").GetByTestId("taxonomy-count");

    public async Task MergeAsync(string category, string into)
    {
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Merge", Exact = true }).ClickAsync();
        await page.GetByLabel("Merge category").SelectOptionAsync(category);
        await page.GetByLabel("Into").SelectOptionAsync(into);
        await page.GetByTestId("taxonomy-preview").ClickAsync();
    }

    public Task ConfirmAsync() => page.GetByTestId("taxonomy-apply").ClickAsync();
}
