using Bunit;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.History;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Features.Taxonomy;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Tests.Features.Taxonomy;

public sealed class TaxonomyPageTests : StudioComponentTest, IDisposable
{
    private readonly TestDatabase _database = TestDatabase.CreateMigratedAsync().GetAwaiter().GetResult();

    public TaxonomyPageTests()
    {
        Services.AddSingleton(new ModelHost(Options.Create(new ModelsOptions { DefaultModelPath = "/srv/none.jtsm" }), new HostingEnvironment { ContentRootPath = "/srv" }));
        AddAnalystServices(_database);
    }

    void IDisposable.Dispose()
    {
        Dispose();
        _database.Dispose();
    }

    /// <summary>Default gets a Function axis: IT (3 records), Network (2) under IT, Legal (1).</summary>
    private async Task SeedAsync()
    {
        await using var db = _database.CreateDbContext();
        var workspace = db.Workspaces.Single(w => w.Name == Workspace.DefaultName);
        var axis = new TaxonomyAxis { WorkspaceId = workspace.Id, Name = "Function", Categories = [new() { Name = "IT" }, new() { Name = "Network" }, new() { Name = "Legal" }] };
        db.Axes.Add(axis);
        var dataset = new Dataset { WorkspaceId = workspace.Id, FileName = "f.csv", InputExtension = ".csv", TitleColumnName = "Title", LabelColumnsJson = "[]", ImportedBy = "t", Status = DatasetStatus.Completed };
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync();
        axis.Categories.Single(c => c.Name == "Network").ParentId = axis.Categories.Single(c => c.Name == "IT").Id;
        var rows = new[] { ("CIO", "IT"), ("IT Manager", "IT"), ("Sysadmin", "IT"), ("Network Engineer", "Network"), ("Network Manager", "Network"), ("Counsel", "Legal") };
        db.Records.AddRange(rows.Select((r, i) => new DatasetRecord
        {
            DatasetId = dataset.Id, WorkspaceId = workspace.Id, RowNumber = i + 2, Title = r.Item1, NormalizedTitle = r.Item1.ToLowerInvariant(),
            Labels = [new RecordLabel { AxisId = axis.Id, Label = r.Item2, Source = LabelSource.Imported }],
        }));
        await db.SaveChangesAsync();
    }

    private static string[] Rows(IRenderedComponent<TaxonomyPage> page) =>
        [.. page.FindAll("[data-testid=taxonomy-tree] tbody tr").Select(r => $"{r.GetAttribute("data-category")}:{r.GetAttribute("aria-level")}:{r.QuerySelector("[data-testid=taxonomy-count]")!.TextContent}")];

    [Fact]
    public void The_tree_indents_children_under_their_parent_and_shows_each_count()
    {
        var axis = new AxisTaxonomyView(1, "Function", [new("IT", null, 3, 0), new("Network", "IT", 2, 1), new("Legal", null, 1, 0)]);

        var tree = Render<TaxonomyTree>(p => p.Add(t => t.Axis, axis));

        var network = tree.Find("tr[data-category=Network]");
        Assert.Equal("2", network.GetAttribute("aria-level"));
        Assert.Contains("padding-left: 1.75rem", network.QuerySelector("td")!.GetAttribute("style"));
        Assert.Equal(["IT", "Network", "Legal"], tree.FindAll("tbody tr").Select(r => r.GetAttribute("data-category")));
    }

    [Fact]
    public void A_category_the_model_knows_by_another_name_shows_that_name_beside_it()
    {
        var axis = new AxisTaxonomyView(1, "Occupation", [new("11-1011.00", null, 0, 0, "Chief Executives"), new("Other", null, 0, 0, "Other")]);

        var tree = Render<TaxonomyTree>(p => p.Add(t => t.Axis, axis));

        Assert.Equal("Chief Executives", tree.Find("tr[data-category='11-1011.00'] [data-testid=taxonomy-display]").TextContent);
        Assert.Empty(tree.FindAll("tr[data-category=Other] [data-testid=taxonomy-display]"));
    }

    [Fact]
    public async Task A_preview_confirmed_tells_that_the_change_is_in_history()
    {
        var confirmed = false;
        var preview = new TaxonomyPlanView("Function", "MergeCategories", "Merge \"Network\" into \"IT\" on Function", 2, 1, [new LabelMove("Network", "IT", 2)], [], ["Network"], [], false, null);

        var card = Render<TaxonomyPlanCard>(p => p.Add(c => c.Plan, preview).Add(c => c.OnConfirm, () => confirmed = true));
        Assert.Contains("Changes 2 records and 1 corrections. Removed: Network.", card.Find("[data-testid=taxonomy-plan-records]").TextContent.Replace("\n", " ").Squash());
        await FireAsync(card.Find("[data-testid=taxonomy-apply]"), "click", new MouseEventArgs());

        Assert.True(confirmed);
        var done = Render<TaxonomyPlanCard>(p => p.Add(c => c.Plan, preview with { Applied = true, ChangeId = 7 }));
        Assert.Contains("It is entry L7 in", done.Markup.Replace("<!--!-->", "").Squash());
        Assert.Empty(done.FindAll("[data-testid=taxonomy-apply]"));
    }

    [Fact]
    public async Task Merging_on_the_page_previews_the_count_then_changes_the_tree_and_history_can_undo_it()
    {
        await SeedAsync();
        var page = Render<TaxonomyPage>();
        page.WaitForAssertion(() => Assert.Equal(["IT:1:3", "Network:2:2", "Legal:1:1"], Rows(page)));

        await FireAsync(page.FindAll("select")[0], "change", new ChangeEventArgs { Value = "Network" });
        await FireAsync(page.FindAll("select")[1], "change", new ChangeEventArgs { Value = "IT" });
        await FireAsync(page.Find("[data-testid=taxonomy-preview]"), "click", new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("Changes 2 records", page.Find("[data-testid=taxonomy-plan-records]").TextContent));
        Assert.Equal(["IT:1:3", "Network:2:2", "Legal:1:1"], Rows(page));
        await FireAsync(page.Find("[data-testid=taxonomy-apply]"), "click", new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal(["IT:1:5", "Legal:1:1"], Rows(page)));

        var history = Render<HistoryPage>();
        history.WaitForAssertion(() => Assert.Contains("Merge \"Network\" into \"IT\" on Function", history.Find("[data-testid=history-description]").TextContent));
        await FireAsync(history.Find("button[aria-label=\"Undo L1\"]"), "click", new MouseEventArgs());
        history.WaitForAssertion(() => Assert.Contains("2 records changed back", history.Find("[data-testid=history-message]").TextContent));
        var again = Render<TaxonomyPage>();
        again.WaitForAssertion(() => Assert.Equal(["IT:1:3", "Network:2:2", "Legal:1:1"], Rows(again)));
    }

    [Fact]
    public void A_workspace_without_axes_is_told_to_import_a_labelled_file()
    {
        var page = Render<TaxonomyPage>();

        page.WaitForAssertion(() => Assert.Contains("Import a labelled file to start a taxonomy", page.Find("[role=status] h2").TextContent));
    }
}

internal static class TextExtensions
{
    /// <summary>Collapses runs of whitespace to one space, as a browser shows text.</summary>
    public static string Squash(this string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
