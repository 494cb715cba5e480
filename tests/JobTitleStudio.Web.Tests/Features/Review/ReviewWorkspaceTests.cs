using Bunit;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.History;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Features.Review;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Tests.Features.Review;

/// <summary>Review and History work in the workspace chosen in the top bar, with its axes, while Default's model is live.</summary>
public sealed class ReviewWorkspaceTests : StudioComponentTest, IDisposable
{
    private readonly TestDatabase _database = TestDatabase.CreateMigratedAsync().GetAwaiter().GetResult();
    private readonly TempFolder _folder = new();

    public ReviewWorkspaceTests()
    {
        var models = new ModelHost(Options.Create(new ModelsOptions { DefaultModelPath = _folder.Combine("default.jtsm") }), new HostingEnvironment { ContentRootPath = _folder.Path });
        models.Publish(ModelStatus.LoadedFrom(models.ModelPath!, "test-model"), ModelFile.Load(TestModels.WriteTo(models.ModelPath!)));
        Services.AddSingleton(models);
        AddAnalystServices(_database);
    }

    void IDisposable.Dispose()
    {
        Dispose();
        _database.Dispose();
        _folder.Dispose();
    }

    /// <summary>Adds workspace Agency with one axis, Department, and makes it the chosen one.</summary>
    private async Task ChooseAgencyAsync()
    {
        await _database.AddWorkspacesAsync("Agency");
        await using (var db = _database.CreateDbContext())
        {
            db.Axes.Add(new TaxonomyAxis { WorkspaceId = db.Workspaces.Single(w => w.Name == "Agency").Id, Name = "Department" });
            await db.SaveChangesAsync();
        }
        var state = Services.GetRequiredService<WorkspaceState>();
        await state.LoadAsync();
        state.Select(state.Workspaces.Single(w => w.Name == "Agency").Id);
    }

    [Fact]
    public async Task Review_in_a_workspace_without_a_live_model_says_so_instead_of_showing_the_default_models_queue()
    {
        await ChooseAgencyAsync();

        var page = Render<ReviewPage>();

        page.WaitForAssertion(() => Assert.Contains("Workspace Agency has no live model yet", page.Find("[role=status]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=review-axis]"));
    }

    [Fact]
    public async Task History_filters_by_the_workspaces_own_axes()
    {
        await ChooseAgencyAsync();
        var workspaces = Services.GetRequiredService<WorkspaceModels>();

        var agency = await Services.GetRequiredService<HistoryService>().AxesAsync(await workspaces.FindAsync("Agency"));
        var fallback = await Services.GetRequiredService<HistoryService>().AxesAsync(await workspaces.FindAsync(null));

        Assert.Equal(["Department"], agency);
        Assert.Equal(["Function", "Level"], fallback);
    }
}
