using JobTitleStudio.Tests.Shared;
using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class CancelTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(120).TotalMilliseconds;
    private readonly string _folder = Directory.CreateTempSubdirectory("jts-e2e-cancel-").FullName;

    [Fact]
    public async Task Cancel_on_the_training_card_ends_the_version_cancelled()
    {
        await using var app = KestrelStudio.Start(withTestModel: true);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var studio = new StudioPage(page);
        await studio.OpenAsync(app.BaseAddress);
        var input = Path.Combine(_folder, "labelled.csv");
        await File.WriteAllTextAsync(input, LongTrainingData.Csv());
        await studio.GoToAreaAsync("Datasets");
        await new DatasetsPage(page).ImportAsync(input, "Department");

        await studio.GoToAreaAsync("Models");
        await page.GetByTestId("models-train").ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Cancel training v1" }).ClickAsync(new LocatorClickOptions { Timeout = Timeout });

        await Assertions.Expect(page.GetByTestId("versions-table")).ToContainTextAsync("cancelled", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("models-progress")).ToHaveCountAsync(0);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
