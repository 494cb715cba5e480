using Bunit;
using JobTitleStudio.Web.Features.Batches;
using JobTitleStudio.Web.Features.Datasets;
using JobTitleStudio.Web.Features.History;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Features.Reports;
using JobTitleStudio.Web.Features.Review;
using JobTitleStudio.Web.Features.Rules;
using JobTitleStudio.Web.Features.Taxonomy;
using JobTitleStudio.Web.Hosting;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Tests.Components;

public sealed class PageTests : StudioComponentTest, IDisposable
{
    private readonly ModelHost _models;
    private readonly TestDatabase _database = TestDatabase.CreateMigratedAsync().GetAwaiter().GetResult();

    public PageTests()
    {
        _models = new ModelHost(Options.Create(new ModelsOptions { DefaultModelPath = "/srv/models/default.jtsm" }), new HostingEnvironment { ContentRootPath = "/srv" });
        Services.AddSingleton(_models);
        AddAnalystServices(_database);
        Services.AddBatches().AddDatasets().AddModelVersions();
    }

    void IDisposable.Dispose()
    {
        Dispose();
        _database.Dispose();
    }

    public static TheoryData<Type, string> Pages => new()
    {
        { typeof(LookupPage), "Lookup" },
        { typeof(ReviewPage), "Review" },
        { typeof(DatasetsPage), "Datasets" },
        { typeof(TaxonomyPage), "Taxonomy" },
        { typeof(ReportsPage), "Reports" },
        { typeof(RulesPage), "Rules" },
        { typeof(ModelsPage), "Models" },
        { typeof(HistoryPage), "History" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_area_has_a_heading_and_an_empty_state_that_says_what_to_do_next(Type page, string heading)
    {
        var rendered = Render<DynamicComponent>(parameters => parameters.Add(p => p.Type, page));

        Assert.Equal(heading, rendered.Find("h1").TextContent.Trim());
        // History knows it is empty only once its first page of corrections has loaded.
        rendered.WaitForAssertion(() =>
        {
            var emptyState = rendered.Find("[role=status]");
            Assert.Contains("Next:", emptyState.TextContent);
            Assert.NotEmpty(emptyState.QuerySelectorAll("h2"));
        });
    }

    [Fact]
    public void Datasets_invites_importing_a_labelled_file()
    {
        var page = Render<DatasetsPage>();

        page.WaitForAssertion(() => Assert.Contains("Import a labelled file to start a workspace", page.Find("[role=status] h2").TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=dataset-file]"));
    }

    [Fact]
    public void Lookup_shows_the_circuit_marker_after_its_first_interactive_render()
    {
        var page = Render<LookupPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=circuit-ready]")));
    }

    [Fact]
    public void Lookup_explains_why_no_model_is_live()
    {
        _models.Publish(ModelStatus.NotLoaded(_models.ModelPath!, "No model file at /srv/models/default.jtsm."));

        var page = Render<LookupPage>();

        Assert.Contains("No model file at /srv/models/default.jtsm.", page.Find(".rz-alert").TextContent);
    }

    [Fact]
    public void Models_shows_the_live_model_version_once_loaded()
    {
        _models.Publish(ModelStatus.LoadedFrom(_models.ModelPath!, "2026.11.1"));

        var page = Render<ModelsPage>();

        Assert.Contains("Live model 2026.11.1", page.Find(".rz-alert").TextContent);
    }
}
