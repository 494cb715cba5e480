using System.Text;
using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class DatasetsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(60).TotalMilliseconds;
    private readonly string _folder = Directory.CreateTempSubdirectory("jts-e2e-datasets-").FullName;

    [Fact]
    public async Task Importing_two_label_columns_training_and_relabelling_to_majority_shows_metrics_the_report_and_the_change_in_history()
    {
        await using var app = KestrelStudio.Start(withTestModel: true);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var studio = new StudioPage(page);
        await studio.OpenAsync(app.BaseAddress);
        var input = Path.Combine(_folder, "labelled.csv");
        await File.WriteAllTextAsync(input, Labelled());

        await studio.GoToAreaAsync("Datasets");
        await new DatasetsPage(page).ChooseFileAsync(input);
        foreach (var column in new[] { "Department", "Grade" })
        {
            await page.GetByTestId("dataset-label-choice").Filter(new LocatorFilterOptions { HasText = column }).Locator(".rz-chkbox-box").ClickAsync();
        }
        await page.GetByTestId("dataset-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("datasets-table")).ToContainTextAsync("completed", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("records-table")).ToContainTextAsync("Sales Manager", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });

        await studio.GoToAreaAsync("Models");
        await page.GetByTestId("models-train").ClickAsync();
        await Assertions.Expect(page.GetByTestId("measured-on")).ToContainTextAsync("test records of dataset labelled.csv", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
        await Assertions.Expect(page.GetByTestId("versions-table")).ToContainTextAsync("v1");

        await studio.GoToAreaAsync("Reports");
        await Assertions.Expect(page.GetByTestId("inconsistent-summary")).ToContainTextAsync("1 titles carry more than one label combination", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
        await page.GetByTestId("relabel-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("relabel-confirm")).ToContainTextAsync("changes 1 records of 1 titles");
        await page.GetByTestId("relabel-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("label-changes")).ToContainTextAsync("Relabel to majority: 1 records of 1 inconsistent titles");

        await studio.GoToAreaAsync("History");
        await Assertions.Expect(page.GetByTestId("history-grid")).ToContainTextAsync("Relabel to majority", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
    }

    /// <summary>60 distinct titles on two axes, and "Sales Manager" labelled Sales twice and Marketing once.</summary>
    private static string Labelled()
    {
        var text = new StringBuilder("Title,Department,Grade\n");
        var functions = new[] { ("Sales", "Sales"), ("Marketing", "Marketing"), ("Software", "Engineering"), ("Recruiting", "People"), ("Finance", "Finance") };
        var levels = new[] { ("Head of {0}", "Head"), ("{0} Manager", "Manager"), ("Senior {0} Specialist", "Senior"), ("Junior {0} Assistant", "Junior") };
        foreach (var (word, function) in functions)
        {
            foreach (var (pattern, level) in levels)
            {
                foreach (var spelling in new[] { "{0}", "{0} II", "Global {0}" })
                {
                    text.Append(string.Format(spelling, string.Format(pattern, word))).Append(',').Append(function).Append(',').Append(level).Append('\n');
                }
            }
        }
        return text.Append("Sales Manager,Sales,Manager\nSales Manager,Marketing,Manager\n").ToString();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
