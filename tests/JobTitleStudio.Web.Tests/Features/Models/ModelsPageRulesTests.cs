using Bunit;
using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Batches;
using JobTitleStudio.Web.Features.Datasets;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Radzen.Blazor.Rendering;

namespace JobTitleStudio.Web.Tests.Features.Models;

public sealed class ModelsPageRulesTests : StudioComponentTest, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        Services.AddSingleton(new ModelHost(Options.Create(new ModelsOptions { DefaultModelPath = "/srv/models/default.jtsm" }), new HostingEnvironment { ContentRootPath = "/srv" }));
        AddAnalystServices(_database);
        Services.AddBatches().AddDatasets().AddModelVersions();
        JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task A_version_measured_with_rules_shows_the_rules_accuracy_and_coverage_next_to_the_models()
    {
        var axis = new AxisMetrics(40, 0, [], 0.9, 0.85, 0.9, 1, 1, 0.05, [], []);
        var metrics = new VersionMetrics(200, 160, 40, ["labelled.csv"], "Measured on 40 test records.", 1.5,
            new Dictionary<string, AxisMetrics> { ["Function"] = axis, ["Level"] = axis },
            new Dictionary<string, RuleBaselineMetrics> { ["Function"] = new(40, 30, 24, 12, 0.6, 0.75, 0.8, 0.55) });
        await using (var db = _database.CreateDbContext())
        {
            db.ModelVersions.Add(new ModelVersion
            {
                WorkspaceId = db.Workspaces.Single(w => w.Name == Workspace.DefaultName).Id, Number = 1, Status = ModelVersionStatus.Completed,
                CreatedBy = "analyst", CreatedAt = DateTimeOffset.UtcNow, MetricsJson = metrics.ToJson(),
            });
            await db.SaveChangesAsync();
        }

        var page = Render<ModelsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rules-baseline]")));
        Assert.Equal("rules 60.0 % · covers 75 %", page.Find("[data-testid=rules-baseline]").TextContent.Trim());
        Assert.Contains("accuracy 60.0 % (a title no rule matches counts as wrong), macro-F1 0.550, coverage 75.0 %, right on 80.0 % of the titles they match (12 enabled rules)",
            page.Find("[data-testid=rules-baseline-detail]").TextContent);
    }
}
