using Bunit;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Features.Taxonomy;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Radzen.Blazor.Rendering;

namespace JobTitleStudio.Web.Tests.Components;

public sealed class LookupPageTests : StudioComponentTest, IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        var models = new ModelHost(Options.Create(new ModelsOptions { DefaultModelPath = _folder.Combine("test.jtsm") }), new HostingEnvironment { ContentRootPath = _folder.Path });
        models.Publish(ModelStatus.LoadedFrom(models.ModelPath!, "test@1"), ModelFile.Load(TestModels.WriteTo(models.ModelPath!)));
        Services.AddSingleton(models);
        AddAnalystServices(_database);
        JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect());
    }

    [Fact]
    public async Task Switching_to_a_new_workspace_shows_the_empty_state_pointing_to_Datasets()
    {
        await _database.AddWorkspacesAsync("Agency");
        var page = Render<LookupPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=lookup-input]")));
        var state = Services.GetRequiredService<JobTitleStudio.Web.Features.Workspaces.WorkspaceState>();

        await page.InvokeAsync(() => state.Select(state.Workspaces.Single(w => w.Name == "Agency").Id));

        page.WaitForAssertion(() => Assert.Contains("Import a labelled file", page.Find(".studio-empty").TextContent));
        Assert.Empty(page.FindAll("[data-testid=lookup-input]"));
    }

    [Fact]
    public async Task Pasted_lines_each_get_a_result_block_and_a_junk_line_shows_its_reason_instead_of_cards()
    {
        var page = Render<LookupPage>();

        await FireAsync(page.Find("[data-testid=lookup-input]"), "input", new ChangeEventArgs { Value = "Recruiter\n\n  Director of Sales \nasdf!!" });
        await FireAsync(page.Find("form"), "submit", EventArgs.Empty);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=lookup-result]").Count));
        var blocks = page.FindAll("[data-testid=lookup-result]");
        Assert.Equal(["Recruiter", "Director of Sales", "asdf!!"], blocks.Select(b => b.QuerySelector("h2")!.TextContent.Trim()));
        Assert.Equal(2, blocks[0].QuerySelectorAll("[data-testid=axis-card]").Length);
        Assert.Equal("Human Resources", blocks[0].QuerySelector("[data-axis=Function] [data-testid=axis-winner]")!.TextContent.Trim());
        Assert.Equal("Director", blocks[1].QuerySelector("[data-axis=Level] [data-testid=axis-winner]")!.TextContent.Trim());
        Assert.Empty(blocks[2].QuerySelectorAll("[data-testid=axis-card]"));
        Assert.Contains("Not classified:", blocks[2].QuerySelector("[data-testid=junk-reason]")!.TextContent);
        await using var db = _database.CreateDbContext();
        Assert.Equal(4, await db.PredictionRecords.CountAsync(r => r.Source == PredictionSources.Ui));
    }

    [Fact]
    public async Task After_a_merge_the_card_answers_the_merged_category_and_the_page_says_predictions_are_mapped()
    {
        await using (var db = _database.CreateDbContext())
        {
            var workspace = db.Workspaces.Single(w => w.Name == Workspace.DefaultName);
            var axis = new TaxonomyAxis { WorkspaceId = workspace.Id, Name = "Function", Categories = [.. TestModels.Functions.Select(f => new TaxonomyCategory { Name = f })] };
            db.Axes.Add(axis);
            var dataset = new Dataset { WorkspaceId = workspace.Id, FileName = "f.csv", InputExtension = ".csv", TitleColumnName = "Title", LabelColumnsJson = "[]", ImportedBy = "t", Status = DatasetStatus.Completed };
            db.Datasets.Add(dataset);
            await db.SaveChangesAsync();
            db.Records.Add(new DatasetRecord
            {
                DatasetId = dataset.Id, WorkspaceId = workspace.Id, RowNumber = 2, Title = "Brand Manager", NormalizedTitle = "brand manager",
                Labels = [new RecordLabel { AxisId = axis.Id, Label = "Marketing", Source = LabelSource.Imported }],
            });
            await db.SaveChangesAsync();
        }
        var page = Render<LookupPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=lookup-input]")));
        Assert.Empty(page.FindAll("[data-testid=mapped-note]"));
        var defaultId = Services.GetRequiredService<JobTitleStudio.Web.Features.Workspaces.WorkspaceState>().Workspaces.Single(w => w.Name == Workspace.DefaultName).Id;

        await Services.GetRequiredService<TaxonomyService>().ApplyAsync(defaultId, Workspace.DefaultName, "Function", new MergeEdit("Marketing", "Sales"), "dana");
        await FireAsync(page.Find("[data-testid=lookup-input]"), "input", new ChangeEventArgs { Value = "Marketing Manager" });
        await FireAsync(page.Find("form"), "submit", EventArgs.Empty);

        page.WaitForAssertion(() => Assert.Equal("Sales", page.Find("[data-axis=Function] [data-testid=axis-winner]").TextContent.Trim()));
        Assert.Contains("Predictions use the new taxonomy through a mapping until a version trained on it is live", page.Find("[data-testid=mapped-note]").TextContent);
        Assert.Contains("Function: Marketing → Sales", page.Find("[data-testid=mapped-note]").TextContent);
    }

    [Fact]
    public async Task More_than_a_hundred_lines_are_refused_with_a_pointer_to_Batches()
    {
        var page = Render<LookupPage>();

        await FireAsync(page.Find("[data-testid=lookup-input]"), "input", new ChangeEventArgs { Value = string.Join("\n", Enumerable.Range(0, 101).Select(i => $"Accountant {i}")) });
        await FireAsync(page.Find("form"), "submit", EventArgs.Empty);

        page.WaitForAssertion(() => Assert.Contains("Use Batches for a file", page.Find("[data-testid=lookup-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=lookup-result]"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
        _folder.Dispose();
    }
}
