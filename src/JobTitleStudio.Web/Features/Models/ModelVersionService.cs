using System.Collections.Concurrent;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Models;

/// <summary>Model versions of a workspace: start training one, list them with their metrics, make one live.</summary>
public sealed class ModelVersionService(
    IDbContextFactory<AppDbContext> databases,
    ModelVersionFiles files,
    WorkspaceModels workspaces,
    IOptions<ModelVersionsOptions> options)
{
    private readonly ConcurrentDictionary<int, TrainingState> _running = new();

    public ModelVersionsOptions Options => options.Value;

    /// <summary>The versions waiting for the trainer, and the token that cancels each.</summary>
    internal JobQueue<int> Queue { get; } = new();

    internal void Report(int id, TrainingState state) => _running[id] = state;

    internal void Forget(int id) => _running.TryRemove(id, out _);

    /// <summary>Whether the workspace has any labelled record to train on.</summary>
    public async Task<bool> HasRecordsAsync(WorkspaceSummary workspace, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.RecordLabels.AnyAsync(l => l.Record!.WorkspaceId == workspace.Id && l.Label != "", cancellationToken);
    }

    /// <summary>Queues training a new version from the workspace's records.</summary>
    /// <exception cref="StudioProblem">The workspace has no labelled records yet (409).</exception>
    public async Task<ModelVersionView> StartAsync(WorkspaceSummary workspace, CancellationToken cancellationToken = default)
    {
        if (!await HasRecordsAsync(workspace, cancellationToken))
        {
            throw StudioProblem.Conflict($"Workspace {workspace.Name} has no labelled records to learn from: import a labelled file in Datasets first.");
        }
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var number = (await db.ModelVersions.Where(v => v.WorkspaceId == workspace.Id).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        var version = new ModelVersion
        {
            WorkspaceId = workspace.Id,
            Number = number,
            Status = ModelVersionStatus.Queued,
            CreatedBy = Options.DefaultUserName,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.ModelVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        Queue.Enqueue(version.Id);
        return ModelVersionView.From(version, workspace.Name, null);
    }

    /// <summary>The workspace's versions, oldest first (the order a chart over versions reads).</summary>
    public async Task<IReadOnlyList<ModelVersionView>> ListAsync(WorkspaceSummary workspace, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.WorkspaceId == workspace.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        return [.. versions.Select(v => ModelVersionView.From(v, workspace.Name, _running.GetValueOrDefault(v.Id)))];
    }

    public async Task<ModelVersionView?> GetAsync(WorkspaceSummary workspace, int number, CancellationToken cancellationToken = default) =>
        (await ListAsync(workspace, cancellationToken)).FirstOrDefault(v => v.Number == number);

    /// <summary>Cancels a queued or training version: it ends as cancelled, keeps no model file and can never go live.</summary>
    /// <exception cref="StudioProblem">No such version (404), or its training has ended (409).</exception>
    public async Task<ModelVersionView> CancelAsync(WorkspaceSummary workspace, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var version = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.WorkspaceId == workspace.Id && v.Number == number, cancellationToken)
            ?? throw StudioProblem.NotFound($"Workspace {workspace.Name} has no model version v{number}.");
        if (version.Status is not (ModelVersionStatus.Queued or ModelVersionStatus.Training))
        {
            throw StudioProblem.Conflict($"v{number} is {version.Status.ToString().ToLowerInvariant()}; only a queued or training version can be cancelled.");
        }
        Queue.Cancel(version.Id);
        await db.ModelVersions.Where(v => v.Id == version.Id && v.Status == ModelVersionStatus.Queued).ExecuteUpdateAsync(v => v
            .SetProperty(x => x.Status, ModelVersionStatus.Cancelled)
            .SetProperty(x => x.FinishedAt, DateTimeOffset.UtcNow)
            .SetProperty(x => x.Message, "Cancelled before it started."), cancellationToken);
        return (await GetAsync(workspace, number, cancellationToken))!;
    }

    /// <summary>
    /// Makes the version the workspace's live model: Lookup, the classify API and batches answer with it from now on.
    /// The Default workspace's shipped model is replaced the same way.
    /// </summary>
    /// <exception cref="StudioProblem">No such version (404) or it has not completed training (409).</exception>
    public async Task<ModelVersionView> MakeLiveAsync(WorkspaceSummary workspace, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var versions = await db.ModelVersions.Where(v => v.WorkspaceId == workspace.Id).ToListAsync(cancellationToken);
        var chosen = versions.FirstOrDefault(v => v.Number == number)
            ?? throw StudioProblem.NotFound($"Workspace {workspace.Name} has no model version v{number}.");
        if (chosen.Status != ModelVersionStatus.Completed)
        {
            throw StudioProblem.Conflict($"v{number} is {chosen.Status.ToString().ToLowerInvariant()}; only a version that completed training can go live.");
        }
        var path = files.Path(workspace.Name, number);
        var model = await Task.Run(() => ModelFile.Load(path), cancellationToken);
        foreach (var version in versions)
        {
            version.IsLive = version == chosen;
        }
        await db.SaveChangesAsync(cancellationToken);
        var live = await workspaces.FindAsync(workspace.Name, cancellationToken);
        // Corrections made in the workspace hold for every version: they are replayed onto the new live model.
        await workspaces.PublishVersionAsync(live, ModelStatus.LoadedFrom(path, $"{workspace.Name} v{number}"), model, cancellationToken);
        return ModelVersionView.From(chosen, workspace.Name, null);
    }
}
