using Bunit;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Reports;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Web;
using Radzen.Blazor.Rendering;

namespace JobTitleStudio.Web.Tests.Components;

public sealed class ReportsPageTests : StudioComponentTest, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        AddAnalystServices(_database);
        JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect());
        // "Buyer": 3 Operations, 1 Sales (majority, 1 record changes); "Planner": 1 Operations, 1 Sales (tied, skipped).
        await using var db = _database.CreateDbContext();
        var workspace = db.Workspaces.Single(w => w.Name == Workspace.DefaultName);
        var axis = new TaxonomyAxis { WorkspaceId = workspace.Id, Name = "Function" };
        var dataset = new Dataset
        {
            WorkspaceId = workspace.Id, FileName = "labelled.csv", InputExtension = ".csv", TitleColumnName = "Title",
            LabelColumnsJson = "[]", ImportedBy = "analyst", Status = DatasetStatus.Completed,
        };
        db.AddRange(axis, dataset);
        await db.SaveChangesAsync();
        var row = 1;
        foreach (var (title, label) in new[] { ("Buyer", "Operations"), ("Buyer", "Operations"), ("Buyer", "Operations"), ("Buyer", "Sales"), ("Planner", "Operations"), ("Planner", "Sales") })
        {
            db.Records.Add(new DatasetRecord
            {
                DatasetId = dataset.Id, WorkspaceId = workspace.Id, RowNumber = ++row, Title = title, NormalizedTitle = title.ToLowerInvariant(),
                Labels = [new RecordLabel { AxisId = axis.Id, Label = label, Source = LabelSource.Imported }],
            });
        }
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Relabel_to_majority_shows_the_records_it_changes_and_the_tied_titles_and_applies_only_on_confirmation()
    {
        var page = Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Contains("2 titles carry more than one label combination", page.Find("[data-testid=inconsistent-summary]").TextContent));

        await FireAsync(page.Find("[data-testid=relabel-preview]"), "click", new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("changes 1 records of 1 titles", page.Find("[data-testid=relabel-confirm]").TextContent));
        Assert.Contains("skipped: planner", page.Find("[data-testid=relabel-confirm]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=label-changes]"));

        await FireAsync(page.Find("[data-testid=relabel-apply]"), "click", new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("Relabel to majority: 1 records of 1 inconsistent titles; 1 tied titles skipped", page.Find("[data-testid=label-changes]").TextContent));
        Assert.Contains("1 titles carry more than one label combination", page.Find("[data-testid=inconsistent-summary]").TextContent);
    }
}
