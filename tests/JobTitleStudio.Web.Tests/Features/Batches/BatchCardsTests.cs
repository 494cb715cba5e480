using JobTitleStudio.Web.Hosting;
using Bunit;
using JobTitleStudio.Core.Batches;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Batches;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Radzen;

namespace JobTitleStudio.Web.Tests.Features.Batches;

public sealed class BatchCardsTests : StudioComponentTest
{
    private static readonly Guid Id = Guid.Parse("6f1c2a8e-0d3b-4c55-9a1e-2b7d8c9e0f11");

    // A chart sizes itself from the browser's answer; bUnit has no browser, so it answers a plain size.
    public BatchCardsTests() => JSInterop.Setup<Radzen.Blazor.Rendering.Rect>("Radzen.createChart", _ => true).SetResult(new Radzen.Blazor.Rendering.Rect { Width = 400, Height = 200 });

    [Fact]
    public void A_running_batch_shows_its_percentage_rows_done_against_the_estimate_speed_and_time_left()
    {
        var job = Job(BatchStatus.Running) with { Processed = 400_000, Total = 1_600_000, TotalIsEstimate = true, RowsPerSecond = 40_000, SecondsLeft = 30 };

        var card = Render<BatchProgressCard>(p => p.Add(c => c.Job, job));

        Assert.Equal("25", card.Find("[data-testid=batch-progress-bar]").GetAttribute("aria-valuenow"));
        Assert.Equal("400,000 of about 1,600,000 rows", card.Find("[data-testid=batch-rows]").TextContent);
        Assert.Contains("40,000 rows/s", card.Find(".batch-figures").TextContent);
        Assert.Contains("30 s left", card.Find(".batch-figures").TextContent);
    }

    [Fact]
    public void Cancel_on_a_running_batch_reports_the_batch_id()
    {
        Guid? cancelled = null;
        var card = Render<BatchProgressCard>(p => p
            .Add(c => c.Job, Job(BatchStatus.Running))
            .Add(c => c.OnCancel, id => cancelled = id));

        card.InvokeAsync(() => card.FindComponent<Radzen.Blazor.RadzenButton>().Instance.Click.InvokeAsync(new()));

        Assert.Equal(Id, cancelled);
    }

    [Fact]
    public void A_queued_batch_says_it_waits_for_the_model_while_none_is_loaded()
    {
        var card = Render<BatchProgressCard>(p => p.Add(c => c.Job, Job(BatchStatus.Queued)).Add(c => c.ModelLoaded, false));

        Assert.Contains("Waiting for the model to finish loading.", card.Markup);
    }

    [Fact]
    public void A_completed_batch_shows_its_counts_a_chart_per_axis_its_issues_and_both_downloads()
    {
        var job = Job(BatchStatus.Completed) with
        {
            Processed = 1200, Classified = 1100, Abstained = 40, Junk = 100, RowsWithIssues = 1,
            Issues = [new BatchIssue("MissingCells", 7, 7, null, null, "Row 7 has 1 cell but the header has 3; the missing cells (\"title\", \"email\") were read as empty.")],
            Axes =
            [
                new AxisCounts("Function", [new CategoryCount("Sales", 700), new CategoryCount("Finance", 400)]),
                new AxisCounts("Level", [new CategoryCount("Manager", 1100)]),
            ],
        };

        var card = Render<BatchSummaryCard>(p => p.Add(c => c.Job, job));

        Assert.Equal("1,200", card.Find("[data-testid=batch-summary-rows]").TextContent);
        Assert.Contains("junk titles skipped", card.Find(".batch-stats").TextContent);
        Assert.Equal(["Function", "Level"], card.FindAll("[data-testid=batch-chart] h3").Select(h => h.TextContent.Trim()));
        Assert.Contains("Row 7 has 1 cell", card.Find("[data-testid=batch-issues]").TextContent);
        Assert.Equal($"/api/batches/{Id}/result?format=csv", card.Find("[data-testid=batch-download-csv]").GetAttribute("href"));
        Assert.Equal($"/api/batches/{Id}/result?format=xlsx", card.Find("[data-testid=batch-download-xlsx]").GetAttribute("href"));
    }

    [Fact]
    public void A_failed_batch_shows_why_and_offers_no_download()
    {
        var card = Render<BatchSummaryCard>(p => p.Add(c => c.Job, Job(BatchStatus.Failed) with { Message = "The batch failed: disk full" }));

        Assert.Contains("The batch failed: disk full", card.Find(".rz-alert").TextContent);
        Assert.Empty(card.FindAll("[data-testid=batch-download-csv]"));
    }

    [Fact]
    public void The_upload_card_invites_a_drop_and_states_the_configured_size_limit()
    {
        using var folder = new TempFolder();
        var options = Options.Create(new BatchesOptions { MaxUploadBytes = 200L * 1024 * 1024, Folder = folder.Path });
        var database = new PooledDbContextFactory<AppDbContext>((DbContextOptions<AppDbContext>)DatabaseSetup.Configure(new DbContextOptionsBuilder<AppDbContext>(), $"Data Source={folder.Combine("app.db")}").Options);
        var files = new BatchFiles(options, new ConfigurationBuilder().Build(), new HostingEnvironment { ContentRootPath = folder.Path });
        Services.AddSingleton(new BatchService(database, files, new JobQueue<Guid>(), new BatchMonitor(), options));

        var card = Render<BatchUploadCard>(p => p.Add(c => c.LiveModel, "Live model (test)").Add(c => c.OnStart, (_, _, _) => Task.CompletedTask));

        Assert.Equal(".csv,.tsv,.txt,.xlsx", card.Find("input[type=file]").GetAttribute("accept"));
        Assert.Contains("CSV, TSV, TXT or XLSX up to 200 MB", card.Find(".batch-dropzone").TextContent);
    }

    private static BatchJobView Job(BatchStatus status) => new(
        Id, "Default", status, "leads.csv", 2048, "job_title", 3, "analyst", "test-model",
        DateTimeOffset.UnixEpoch, null, null, null, 0, null, true, 0, null, 0, 0, 0, 0, 0, null, null, null);
}
