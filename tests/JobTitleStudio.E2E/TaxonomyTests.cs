using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class TaxonomyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(30).TotalMilliseconds;

    /// <summary>Function: IT 4 records, Network 2, Legal 1.</summary>
    private const string Labelled = """
        Title,Function
        IT Manager,IT
        Systems Administrator,IT
        Cloud Engineer,IT
        CIO,IT
        Network Engineer,Network
        Network Manager,Network
        General Counsel,Legal
        """;

    [Fact]
    public async Task Merging_two_categories_changes_the_count_is_listed_in_history_and_undo_puts_it_back()
    {
        await using var app = KestrelStudio.Start(withTestModel: true);
        await ImportAsync(app.BaseAddress);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var studio = new StudioPage(page);
        var taxonomy = new TaxonomyPage(page);
        var history = new HistoryPage(page);
        await studio.OpenAsync(app.BaseAddress);

        await studio.GoToAreaAsync("Taxonomy");
        await Assertions.Expect(taxonomy.Count("IT")).ToHaveTextAsync("4", new LocatorAssertionsToHaveTextOptions { Timeout = Timeout });
        await taxonomy.MergeAsync("Network", "IT");
        await Assertions.Expect(taxonomy.Plan).ToContainTextAsync("Changes 2 records");
        await Assertions.Expect(taxonomy.Count("IT")).ToHaveTextAsync("4");
        await taxonomy.ConfirmAsync();
        await Assertions.Expect(taxonomy.Count("IT")).ToHaveTextAsync("6");
        await Assertions.Expect(taxonomy.Count("Network")).ToHaveCountAsync(0);

        await studio.GoToAreaAsync("History");
        await Assertions.Expect(history.Grid).ToContainTextAsync("Merge \"Network\" into \"IT\" on Function", new LocatorAssertionsToContainTextOptions { Timeout = Timeout });
        await history.UndoAsync("L1");
        await Assertions.Expect(history.Message).ToContainTextAsync("2 records changed back");
        await Assertions.Expect(history.Grid).ToContainTextAsync("Undo of: Merge \"Network\" into \"IT\"");

        await studio.GoToAreaAsync("Taxonomy");
        await Assertions.Expect(taxonomy.Count("IT")).ToHaveTextAsync("4", new LocatorAssertionsToHaveTextOptions { Timeout = Timeout });
        await Assertions.Expect(taxonomy.Count("Network")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task After_merging_two_categories_the_live_model_answers_the_merged_one_in_Lookup_at_once()
    {
        await using var app = KestrelStudio.Start(withTestModel: true);
        // The test model's Function categories, so that the merge moves categories the live model answers.
        await ImportAsync(app.BaseAddress, "Title,Function\nMarketing Manager,Marketing\nBrand Manager,Marketing\nSales Manager,Sales\n");
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var studio = new StudioPage(page);
        var taxonomy = new TaxonomyPage(page);
        var lookup = new LookupPage(page);
        await studio.OpenAsync(app.BaseAddress);

        await studio.GoToAreaAsync("Taxonomy");
        await Assertions.Expect(taxonomy.Count("Marketing")).ToHaveTextAsync("2", new LocatorAssertionsToHaveTextOptions { Timeout = Timeout });
        await taxonomy.MergeAsync("Marketing", "Sales");
        await taxonomy.ConfirmAsync();
        await Assertions.Expect(taxonomy.Count("Sales")).ToHaveTextAsync("3");
        await Assertions.Expect(taxonomy.MappedNote).ToContainTextAsync("Function: Marketing → Sales");

        await studio.GoToAreaAsync("Lookup");
        await lookup.LookUpAsync("Marketing Manager");
        await Assertions.Expect(lookup.Winner("Function")).ToHaveTextAsync("Sales");
        await Assertions.Expect(lookup.MappedNote).ToContainTextAsync("Predictions use the new taxonomy through a mapping until a version trained on it is live");
    }

    /// <summary>Imports the file into Default through the API and waits until the import has ended.</summary>
    private static async Task ImportAsync(Uri baseAddress, string labelled = Labelled)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(labelled));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "labelled.csv");
        content.Add(new StringContent("Title"), "titleColumn");
        content.Add(new StringContent("Function"), "labelColumns");
        using var started = await client.PostAsync("/api/datasets", content);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (JsonDocument.Parse(await client.GetStringAsync($"/api/datasets/{id}")).RootElement.GetProperty("status").GetString() is "queued" or "running")
        {
            Assert.True(DateTime.UtcNow < deadline, $"dataset {id} was not imported in 30 s");
            await Task.Delay(100);
        }
    }
}
