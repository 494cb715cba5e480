using Bunit;
using JobTitleStudio.Core.Text;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Features.Reports;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Radzen.Blazor.Rendering;

namespace JobTitleStudio.Web.Tests.Components;

/// <summary>The likely label errors, junk and foreign titles, and coverage tabs on the planted-label fixture, an empty category and two unlabelled odd records.</summary>
public sealed class QualityReportsTests : StudioComponentTest, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private const string CheckBoxes = "[data-testid=label-errors-table] tbody tr td:first-child [blazor\\:onclick]";

    private readonly TempFolder _folder = new();
    private TestDatabase _database = null!;
    private int _department;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        // No model is loaded, so the search trains with the default model options, as a workspace without a live model does.
        Services.AddSingleton(new ModelHost(Options.Create(new ModelsOptions { DefaultModelPath = _folder.Combine("none.jtsm") }), new HostingEnvironment { ContentRootPath = _folder.Path }));
        AddAnalystServices(_database);
        JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect());
        await using var db = _database.CreateDbContext();
        var workspace = db.Workspaces.Single(w => w.Name == Workspace.DefaultName);
        var axis = new TaxonomyAxis { WorkspaceId = workspace.Id, Name = "Department", Categories = [new TaxonomyCategory { Name = "Legal" }] };
        var dataset = new Dataset
        {
            WorkspaceId = workspace.Id, FileName = "planted-label-error.csv", InputExtension = ".csv", TitleColumnName = "Job Title",
            LabelColumnsJson = "[]", ImportedBy = "analyst", Status = DatasetStatus.Completed,
        };
        db.AddRange(axis, dataset);
        await db.SaveChangesAsync();
        _department = axis.Id;
        var rows = File.ReadAllLines(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "planted-label-error.csv")).Skip(1)
            .Select(line => line.Split(',')).Select(cells => (Title: cells[0], Label: cells[1]))
            .Concat([("Verkaufsleiterin Außendienst", ""), ("12345 !!!", "")]);
        var row = 1;
        foreach (var (title, label) in rows)
        {
            db.Records.Add(new DatasetRecord
            {
                DatasetId = dataset.Id, WorkspaceId = workspace.Id, RowNumber = ++row, Title = title, NormalizedTitle = TitleNormalizer.Shipped.Normalize(title).Normalized,
                Labels = label.Length == 0 ? [] : [new RecordLabel { AxisId = axis.Id, Label = label, Source = LabelSource.Imported }],
            });
        }
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Running_the_search_shows_the_planted_label_first_and_accept_relabels_that_record()
    {
        var runner = ActivatorUtilities.CreateInstance<LabelErrorRunner>(Services);
        await runner.StartAsync(CancellationToken.None);
        var report = Render<LabelErrorsReport>();
        report.WaitForAssertion(() => Assert.NotNull(report.Find("[data-testid=label-errors-never]")));

        await FireAsync(report.Find("[data-testid=label-errors-run]"), "click", new MouseEventArgs());

        report.WaitForAssertion(() => Assert.Contains("completed", report.Find("[data-testid=label-errors-last]").TextContent), Patience);
        Assert.Contains("37 records scored in 5 folds, trained with the default model options", report.Find("[data-testid=label-errors-last]").TextContent);
        var first = report.Find("[data-testid=label-errors-table] tbody tr");
        Assert.Contains("Java Software Developer", first.TextContent);
        Assert.Contains("Engineering", first.TextContent);

        await FireAsync(report.Find("[data-testid=label-errors-accept]"), "click", new MouseEventArgs());

        report.WaitForAssertion(() => Assert.Contains("accepted", report.Find("[data-testid=label-errors-table] tbody tr").TextContent));
        await using var db = _database.CreateDbContext();
        var label = await db.RecordLabels.SingleAsync(l => l.AxisId == _department && l.Record!.Title == "Java Software Developer");
        Assert.Equal(("Engineering", LabelSource.Analyst), (label.Label, label.Source));
        Assert.Equal(LabelChangeKind.AcceptSuggestion, (await db.LabelChangeSets.SingleAsync()).Kind);
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Selected_rows_are_accepted_together_as_one_label_change()
    {
        var runner = ActivatorUtilities.CreateInstance<LabelErrorRunner>(Services);
        await runner.StartAsync(CancellationToken.None);
        var report = Render<LabelErrorsReport>();
        await FireAsync(report.Find("[data-testid=label-errors-run]"), "click", new MouseEventArgs());
        report.WaitForAssertion(() => Assert.True(report.FindAll(CheckBoxes).Count >= 2), Patience);

        foreach (var box in report.FindAll(CheckBoxes).Take(2).ToList())
        {
            await FireAsync(box, "click", new MouseEventArgs());
        }
        report.WaitForAssertion(() => Assert.EndsWith("Accept 2 selected", report.Find("[data-testid=label-errors-accept-selected]").TextContent.Trim()));
        await FireAsync(report.Find("[data-testid=label-errors-accept-selected]"), "click", new MouseEventArgs());

        report.WaitForAssertion(() => Assert.Equal(2, report.FindAll("[data-testid=label-errors-table] tbody tr").Count(r => r.TextContent.Contains("accepted"))));
        await using var db = _database.CreateDbContext();
        var change = await db.LabelChangeSets.Include(s => s.Changes).SingleAsync();
        Assert.Equal(("Accepted 2 suggestions of likely label errors", 2), (change.Description, change.Changes.Count));
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Junk_and_foreign_titles_show_the_junk_reason_and_the_guessed_language()
    {
        var report = Render<TitleScreeningReport>();

        // The first guess builds the language profiles from the shipped titles.
        report.WaitForAssertion(() => Assert.Contains("1 junk titles and 1 titles not in English", report.Find("[data-testid=junk-summary]").TextContent), Patience);
        var rows = report.FindAll("[data-testid=junk-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("12345 !!!") && r.Contains("no letters"));
        Assert.Contains(rows, r => r.Contains("Verkaufsleiterin") && r.Contains("Guessed German"));
    }

    [Fact]
    public void Coverage_shows_each_axis_with_rare_and_empty_categories_and_the_records_missing_a_label()
    {
        var report = Render<CoverageReportView>();

        report.WaitForAssertion(() => Assert.Contains("2 records miss a label", report.Find("[data-testid=coverage-missing-summary]").TextContent));
        var axis = report.Find("[data-testid=coverage-axes] tbody tr").TextContent;
        Assert.Contains("Department", axis);
        var categories = report.FindAll("[data-testid=coverage-categories] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(categories, c => c.Contains("Legal") && c.Contains("empty"));
        Assert.Contains(categories, c => c.Contains("Health") && c.Contains("13") && !c.Contains("rare"));
    }
}
