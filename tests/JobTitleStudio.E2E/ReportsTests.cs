using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class ReportsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(60).TotalMilliseconds;

    [Fact]
    public async Task Running_likely_label_errors_on_an_imported_dataset_and_accepting_a_suggestion_changes_the_record()
    {
        await using var app = KestrelStudio.Start(withTestModel: true);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var studio = new StudioPage(page);
        await studio.OpenAsync(app.BaseAddress);

        await studio.GoToAreaAsync("Datasets");
        await new DatasetsPage(page).ImportAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "planted-label-error.csv"), "Department");

        await studio.GoToAreaAsync("Reports");
        var reports = new ReportsPage(page);
        await reports.OpenLabelErrorsAsync();
        await reports.RunAsync();
        var planted = reports.Rows.First;
        await Assertions.Expect(planted).ToContainTextAsync("Java Software Developer");
        await Assertions.Expect(planted).ToContainTextAsync("Health");

        await reports.AcceptAsync("Java Software Developer");

        await Assertions.Expect(planted).ToContainTextAsync("accepted", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
        await Assertions.Expect(reports.LabelChanges).ToContainTextAsync("Accepted suggestion: \"Java Software Developer\" Department → Engineering");
        await studio.GoToAreaAsync("Datasets");
        var record = page.GetByTestId("records-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = "Java Software Developer" });
        await Assertions.Expect(record).ToContainTextAsync("Engineering", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
    }
}
