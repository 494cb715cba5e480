using Microsoft.Playwright;

namespace JobTitleStudio.E2E.Pages;

/// <summary>Page object for Rules: the rule form, the rules table, the tester and the change log.</summary>
public sealed class RulesPage(IPage page)
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(20).TotalMilliseconds;

    private ILocator Form => page.GetByTestId("rule-form");

    private ILocator Tester => page.GetByTestId("rule-tester");

    public ILocator Rows => page.GetByTestId("rule-row");

    public ILocator Changes => page.GetByTestId("rule-change");

    /// <summary>The tester's row for one axis.</summary>
    public ILocator TestedAxis(string axis) => Tester.Locator($"tr[data-axis='{axis}']");

    /// <summary>Opens the app, then Rules from the navigation, and waits for the rule form.</summary>
    public async Task OpenAsync(Uri baseAddress)
    {
        var studio = new StudioPage(page);
        await studio.OpenAsync(baseAddress);
        await studio.GoToAreaAsync("Rules");
        await Form.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
    }

    public async Task AddRuleAsync(string axis, string keyword, string category, int priority)
    {
        await Form.GetByLabel("Axis", new LocatorGetByLabelOptions { Exact = true }).SelectOptionAsync(axis);
        await Form.GetByLabel("Keyword", new LocatorGetByLabelOptions { Exact = true }).FillAsync(keyword);
        await Form.GetByLabel("Category", new LocatorGetByLabelOptions { Exact = true }).SelectOptionAsync(category);
        await Form.GetByLabel("Priority", new LocatorGetByLabelOptions { Exact = true }).FillAsync(priority.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Add rule" }).ClickAsync();
    }

    public async Task TestAsync(string title)
    {
        await Tester.GetByLabel("Title to test").FillAsync(title);
        await Tester.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Test" }).ClickAsync();
    }
}
