using JobTitleStudio.Web.Hosting;
using System.Text;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Batches;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Features.Taxonomy;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Tests.Features.Batches;

/// <summary>The worker driven directly, without a web host: cancelling, restarts, unreadable uploads.</summary>
public sealed class BatchWorkerTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestDatabase _database = null!;
    private BatchFiles _files = null!;
    private JobQueue<Guid> _queue = null!;
    private BatchMonitor _monitor = null!;
    private BatchService _service = null!;
    private BatchWorker _worker = null!;
    private WorkspaceSummary _workspace = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        // Small chunks: progress shows after a few hundred titles even on a busy machine, and a run has many chunks to stop between.
        var options = Options.Create(new BatchesOptions { Folder = _folder.Combine("batches"), ChunkRows = 256 });
        var environment = new HostingEnvironment { ContentRootPath = _folder.Path };
        _files = new BatchFiles(options, new ConfigurationBuilder().Build(), environment);
        _queue = new JobQueue<Guid>();
        _monitor = new BatchMonitor();
        var models = new ModelHost(Options.Create(new ModelsOptions { DefaultModelPath = _folder.Combine("model.jtsm") }), environment);
        models.Publish(ModelStatus.LoadedFrom(models.ModelPath!, "test-model"), ModelFile.Load(TestModels.WriteTo(models.ModelPath!)));
        _service = new BatchService(_database, _files, _queue, _monitor, options);
        _worker = new BatchWorker(_database, _files, _queue, _monitor, Workspaces(models), options, NullLogger<BatchWorker>.Instance);
        _workspace = (await new WorkspaceCatalog(_database).ListAsync()).Single();
    }

    /// <summary>The workspaces' live models with <paramref name="models"/> as Default's, as the app has them.</summary>
    private WorkspaceModels Workspaces(ModelHost models)
    {
        var environment = new HostingEnvironment { ContentRootPath = _folder.Path };
        var versionFiles = new ModelVersionFiles(Options.Create(new ModelVersionsOptions { Folder = _folder.Combine("models") }), new ConfigurationBuilder().Build(), environment);
        var liveOptions = Options.Create(new LiveModelsOptions { Folder = _folder.Combine("live") });
        var store = new LiveModelStore(liveOptions, new ConfigurationBuilder().Build(), environment);
        var writer = new LiveModelWriter(store, liveOptions, NullLogger<LiveModelWriter>.Instance);
        return new WorkspaceModels(_database, models, versionFiles, environment, new CorrectionService(_database, writer, TimeProvider.System), store, writer,
            new LiveCategoryMaps(_database), NullLogger<WorkspaceModels>.Instance);
    }

    [Fact]
    public async Task Cancelling_a_running_batch_stops_it_keeps_no_result_and_says_how_far_it_got()
    {
        var job = await StartAsync(DistinctTitles(20_000));
        var run = _worker.RunAsync(job.Id, CancellationToken.None);
        await WaitForRowsAsync(job.Id, run);

        Assert.True(await _service.CancelAsync(_workspace.Id, job.Id));
        await run;

        var stored = await LoadAsync(job.Id);
        Assert.Equal(BatchStatus.Cancelled, stored.Status);
        Assert.InRange(stored.RowsProcessed, 1, 19_999);
        Assert.StartsWith("Cancelled after ", stored.Message);
        Assert.False(File.Exists(_files.Result(job.Id)));
        Assert.False(File.Exists(_files.PartialResult(job.Id)));
        Assert.True(File.Exists(_files.Input(stored)), "the upload stays, so the batch can be run again");
    }

    [Fact]
    public async Task A_server_stopping_mid_run_leaves_the_batch_interrupted_with_its_upload_kept()
    {
        var job = await StartAsync(DistinctTitles(20_000));
        using var stopping = new CancellationTokenSource();
        var run = _worker.RunAsync(job.Id, stopping.Token);
        await WaitForRowsAsync(job.Id, run);

        await stopping.CancelAsync();
        await run;

        var stored = await LoadAsync(job.Id);
        Assert.Equal(BatchStatus.Interrupted, stored.Status);
        Assert.Equal(BatchWorker.InterruptedMessage, stored.Message);
        Assert.False(File.Exists(_files.PartialResult(job.Id)));
        Assert.True(File.Exists(_files.Input(stored)));
    }

    [Fact]
    public async Task On_start_up_a_batch_found_running_is_marked_interrupted_and_can_be_run_again_to_completion()
    {
        var job = await StartAsync("title\nSales Manager\nAccountant\n");
        await _queue.DequeueAsync(CancellationToken.None);
        await using (var db = _database.CreateDbContext())
        {
            await db.BatchJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BatchStatus.Running));
        }
        await File.WriteAllTextAsync(_files.PartialResult(job.Id), "half a file");

        await _worker.RecoverAsync(CancellationToken.None);
        var interrupted = await LoadAsync(job.Id);
        var partialLeft = File.Exists(_files.PartialResult(job.Id));
        var rerun = await _service.RerunAsync(_workspace.Id, job.Id);
        var queued = await _queue.DequeueAsync(CancellationToken.None);
        await _worker.RunAsync(queued, CancellationToken.None);
        var completed = await LoadAsync(job.Id);

        Assert.Equal(BatchStatus.Interrupted, interrupted.Status);
        Assert.Equal(BatchWorker.InterruptedMessage, interrupted.Message);
        Assert.False(partialLeft, "the half-written result of the interrupted run is removed");
        Assert.True(rerun);
        Assert.Equal(job.Id, queued);
        Assert.Equal(BatchStatus.Completed, completed.Status);
        Assert.Equal(2, completed.RowsTotal);
        Assert.Equal("test-model", completed.ModelVersion);
        Assert.True(File.Exists(_files.Result(job.Id)));
    }

    [Fact]
    public async Task On_start_up_batches_still_queued_are_queued_again_in_the_order_they_were_started()
    {
        var first = await StartAsync("title\nSales Manager\n");
        var second = await StartAsync("title\nAccountant\n");
        var fresh = new JobQueue<Guid>();
        var restarted = new BatchWorker(_database, _files, fresh, _monitor,
            Workspaces(new ModelHost(Options.Create(new ModelsOptions()), new HostingEnvironment { ContentRootPath = _folder.Path })),
            Options.Create(new BatchesOptions()), NullLogger<BatchWorker>.Instance);

        await restarted.RecoverAsync(CancellationToken.None);

        Assert.Equal(first.Id, await fresh.DequeueAsync(CancellationToken.None));
        Assert.Equal(second.Id, await fresh.DequeueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_stored_upload_that_can_no_longer_be_read_fails_the_batch_with_the_readers_message()
    {
        var job = await StartAsync("title\nSales Manager\n");
        await File.WriteAllBytesAsync(_files.Input(await LoadAsync(job.Id)), new byte[4096]);

        await _worker.RunAsync(job.Id, CancellationToken.None);

        var stored = await LoadAsync(job.Id);
        Assert.Equal(BatchStatus.Failed, stored.Status);
        Assert.StartsWith("The batch failed: This looks like a binary file", stored.Message);
        Assert.False(File.Exists(_files.Result(job.Id)));
    }

    [Fact]
    public async Task A_queued_batch_cancelled_before_the_worker_reaches_it_is_skipped()
    {
        var job = await StartAsync("title\nSales Manager\n");

        Assert.True(await _service.CancelAsync(_workspace.Id, job.Id));
        await _worker.RunAsync(job.Id, CancellationToken.None);

        var stored = await LoadAsync(job.Id);
        Assert.Equal(BatchStatus.Cancelled, stored.Status);
        Assert.Equal("Cancelled before it started.", stored.Message);
        Assert.False(File.Exists(_files.Result(job.Id)));
    }

    private async Task<BatchJobView> StartAsync(string text)
    {
        var staged = await _service.StageAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "titles.csv");
        return await _service.StartAsync(staged, _workspace, titleColumn: 0, topN: 3);
    }

    /// <summary>Titles that never repeat, so no row is answered from the cache and the run takes long enough to interrupt.</summary>
    private static string DistinctTitles(int rows)
    {
        var text = new StringBuilder("title\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append("Sales Manager ").Append(i).Append('\n');
        }
        return text.ToString();
    }

    private async Task WaitForRowsAsync(Guid id, Task run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_monitor.Find(id)?.Progress.Rows is not > 0)
        {
            if (run.IsCompleted)
            {
                var stored = await LoadAsync(id);
                Assert.Fail($"the batch ended {stored.Status} before any progress was seen: {stored.Message}");
            }
            Assert.True(DateTime.UtcNow < deadline, "the batch never reported progress");
            await Task.Delay(5);
        }
    }

    private async Task<BatchJob> LoadAsync(Guid id)
    {
        await using var db = _database.CreateDbContext();
        return await db.BatchJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
