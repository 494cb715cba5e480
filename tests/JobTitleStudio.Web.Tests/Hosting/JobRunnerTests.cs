using System.Collections.Concurrent;
using JobTitleStudio.Web.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobTitleStudio.Web.Tests.Hosting;

public sealed class JobRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_running_job_cancelled_by_id_ends_cancelled_and_the_next_job_still_runs()
    {
        var runner = new GateRunner();
        using var stopping = new CancellationTokenSource();
        await runner.StartAsync(stopping.Token);
        runner.Queue.Enqueue(1);
        runner.Queue.Enqueue(2);

        await runner.Started(1).Task.WaitAsync(Patience);
        runner.Queue.Cancel(1);
        runner.Gate(2).SetResult();

        Assert.Equal(JobOutcome.Cancelled, await runner.Ended(1).Task.WaitAsync(Patience));
        Assert.Equal(JobOutcome.Completed, await runner.Ended(2).Task.WaitAsync(Patience));
        await runner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_job_cancelled_while_it_waits_starts_with_a_cancelled_token()
    {
        var runner = new GateRunner();
        runner.Queue.Cancel(7);

        await runner.RunOneAsync(7, CancellationToken.None);

        Assert.Equal(JobOutcome.Cancelled, await runner.Ended(7).Task);
    }

    [Fact]
    public async Task A_job_that_throws_ends_failed_with_its_error_and_one_the_start_skips_never_runs()
    {
        var runner = new GateRunner { Skip = { 4 } };
        runner.Gate(3).SetException(new InvalidDataException("broken file"));

        await runner.RunOneAsync(3, CancellationToken.None);
        await runner.RunOneAsync(4, CancellationToken.None);

        Assert.Equal(JobOutcome.Failed, await runner.Ended(3).Task);
        Assert.IsType<InvalidDataException>(runner.Errors[3]);
        Assert.False(runner.Started(4).Task.IsCompleted);
        Assert.False(runner.Ended(4).Task.IsCompleted);
    }

    [Fact]
    public async Task Server_shutdown_ends_a_running_job_interrupted_not_cancelled()
    {
        var runner = new GateRunner();
        using var stopping = new CancellationTokenSource();
        var run = runner.RunOneAsync(5, stopping.Token);
        await runner.Started(5).Task.WaitAsync(Patience);

        await stopping.CancelAsync();
        await run.WaitAsync(Patience);

        Assert.Equal(JobOutcome.Interrupted, await runner.Ended(5).Task);
    }

    /// <summary>Jobs that run until their gate opens (or fails), recording how each ended.</summary>
    private sealed class GateRunner() : JobRunner<int, GateRunner.Job>(new JobQueue<int>(), NullLogger.Instance)
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _gates = new(), _started = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource<JobOutcome>> _ended = new();

        public TaskCompletionSource Gate(int id) => _gates.GetOrAdd(id, _ => new TaskCompletionSource());

        public TaskCompletionSource Started(int id) => _started.GetOrAdd(id, _ => new TaskCompletionSource());

        public TaskCompletionSource<JobOutcome> Ended(int id) => _ended.GetOrAdd(id, _ => new TaskCompletionSource<JobOutcome>());

        public ConcurrentDictionary<int, Exception?> Errors { get; } = new();

        public HashSet<int> Skip { get; } = [];

        protected override Task RecoverAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        protected override Task<Job?> MarkRunningAsync(int id, CancellationToken cancellationToken) =>
            Task.FromResult(Skip.Contains(id) ? null : new Job(id));

        protected override async Task RunAsync(Job job, CancellationToken cancellationToken)
        {
            Started(job.Id).TrySetResult();
            cancellationToken.ThrowIfCancellationRequested();
            await Gate(job.Id).Task.WaitAsync(cancellationToken);
        }

        protected override Task FinishAsync(Job job, JobOutcome outcome, Exception? error)
        {
            Errors[job.Id] = error;
            Ended(job.Id).SetResult(outcome);
            return Task.CompletedTask;
        }

        public sealed record Job(int Id);
    }
}
