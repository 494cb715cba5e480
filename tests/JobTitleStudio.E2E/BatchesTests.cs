using System.Text;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class BatchesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly string[] Titles =
    [
        "Sales Manager", "Software Engineer", "Director of Finance", "HR Assistant", "Marketing Manager",
        "Recruiter", "Accountant", "Brand Manager", "Data Engineer", "Controller",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("jts-e2e-batches-").FullName;
    private KestrelStudio _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private BatchesPage _batches = null!;

    public async Task InitializeAsync()
    {
        _app = KestrelStudio.Start(withTestModel: true);
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        _page = await _context.NewPageAsync();
        _batches = new BatchesPage(_page);
        await _batches.OpenAsync(_app.BaseAddress);
    }

    [Fact]
    public async Task Uploading_a_csv_picking_its_title_column_and_classifying_it_downloads_the_same_rows_in_order_with_prediction_columns()
    {
        var input = Path.Combine(_folder, "crm export.csv");
        var lines = new StringBuilder("contact_id,position,notes\r\n");
        for (var i = 1; i <= 300; i++)
        {
            lines.Append(i).Append(',').Append(Titles[i % Titles.Length]).Append(",note ").Append(i).Append("\r\n");
        }
        await File.WriteAllTextAsync(input, lines.ToString());

        await _batches.UploadAsync(input);
        await Assertions.Expect(_batches.PreviewHeader("contact_id")).ToBeVisibleAsync();
        await _batches.ChooseTitleColumnAsync("position");
        await _batches.ClassifyAsync();

        await Assertions.Expect(_batches.Status).ToHaveTextAsync("completed", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Assertions.Expect(_batches.ProgressBar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Assertions.Expect(_batches.SummaryRows).ToHaveTextAsync("300");
        await Assertions.Expect(_batches.Jobs).ToContainTextAsync("crm export.csv");
        var (downloaded, name) = await _batches.DownloadAsync("csv");

        Assert.Equal("crm export-classified.csv", name);
        using var reader = TableReader.OpenFile(downloaded);
        var rows = reader.ReadRows().ToList();
        Assert.Equal(
            ["contact_id", "position", "notes", "Function.label", "Function.probability", "Function.abstained", "Function.top", "Level.label", "Level.probability", "Level.abstained", "Level.top"],
            reader.Headers);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => Titles[i % Titles.Length]), rows.Select(r => r[1]));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r[3]), $"row {r.RowNumber} has no Function label"));
        Assert.Equal("Sales", rows.First(r => r[1] == "Sales Manager")[3]);
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }
}
