using System.Collections.Concurrent;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Features.Taxonomy;
using JobTitleStudio.Web.Hosting;
using JobTitleStudio.Core.ModelFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Corrections;

/// <summary>One workspace's live model and the bookkeeping of its correction log.</summary>
public sealed class LiveWorkspace(string name, ModelHost host)
{
    private MappedClassifier? _mapped;
    private MappedClassifier? _previous;
    private MappedClassifier? _unmapped;

    public string Name { get; } = name;

    public int Id { get; internal set; }

    /// <summary>
    /// The live model seen through its category map, so it answers, and learns, in the taxonomy as it is now: every
    /// lookup, classify call, review, batch and report of the workspace predicts through this.
    /// </summary>
    public MappedClassifier? Model
    {
        get
        {
            var model = host.Model;
            if (model is null)
            {
                return null;
            }
            if (Volatile.Read(ref _mapped) is { } mapped && ReferenceEquals(mapped.Classifier, model))
            {
                return mapped;
            }
            // While a new model's map is set but the model not yet published, the live one keeps its own map.
            if (Volatile.Read(ref _previous) is { } previous && ReferenceEquals(previous.Classifier, model))
            {
                return previous;
            }
            // A model published without its map (a test's, or in the moment before its map is set) answers in its own categories.
            var unmapped = Volatile.Read(ref _unmapped);
            if (unmapped is null || !ReferenceEquals(unmapped.Classifier, model))
            {
                unmapped = new MappedClassifier(model, CategoryMap.Identity);
                Volatile.Write(ref _unmapped, unmapped);
            }
            return unmapped;
        }
    }

    /// <summary>The live model; before one is published, the one whose map <see cref="UseMap"/> set, about to be published.</summary>
    internal TitleClassifier? Classifier => host.Model ?? Volatile.Read(ref _mapped)?.Classifier;

    public ModelStatus Status => host.Status;

    /// <summary>Makes <paramref name="model"/> the live one: every later lookup, classify call and batch of the workspace uses it.</summary>
    internal void Publish(ModelStatus status, MappedClassifier? model)
    {
        if (model is not null && !ReferenceEquals(Volatile.Read(ref _mapped), model))
        {
            UseMap(model);
        }
        host.Publish(status, model?.Classifier);
        BaseVersion = status.Version;
    }

    /// <summary>Sets the map of a model; it is used from the moment that model is live. Callers hold <see cref="Gate"/>, or load the first model.</summary>
    internal void UseMap(MappedClassifier model)
    {
        Volatile.Write(ref _previous, Volatile.Read(ref _mapped));
        Volatile.Write(ref _mapped, model);
    }

    /// <summary>The model, or a 503 problem saying why there is none.</summary>
    public MappedClassifier RequireModel() => Model ?? throw StudioProblem.ModelNotReady(
        $"The model of workspace {Name} is not ready: {Status.Detail} Retry in a moment; GET /health says when it is ready.");

    /// <summary>
    /// Serialises storing-then-learning, so the live model learns corrections in the order of their ids (the order a
    /// replay uses) and a save records exactly which corrections it holds. Predictions never take it.
    /// </summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The id of the newest correction the live model has learned; guarded by <see cref="Gate"/>.</summary>
    internal long LastAppliedCorrectionId { get; set; }

    /// <summary>The version of the model file the live model grew from; a live file saved on another base is ignored.</summary>
    internal string? BaseVersion { get; set; }
}

/// <summary>
/// Workspace name → its live model. <see cref="Workspace.DefaultName"/> starts with the app's <see cref="ModelHost"/>
/// (the shipped model); every other workspace gets the file of its live model version, or none until one is made live.
/// </summary>
public sealed class WorkspaceModels(
    IDbContextFactory<AppDbContext> databases, ModelHost host, ModelVersionFiles versionFiles, IHostEnvironment environment,
    CorrectionService corrections, LiveModelStore liveModels, LiveModelWriter writer, LiveCategoryMaps maps, ILogger<WorkspaceModels> logger)
{
    private readonly ConcurrentDictionary<string, LiveWorkspace> _known = new(StringComparer.OrdinalIgnoreCase);

    public LiveWorkspace Default { get; } = new(Workspace.DefaultName, host);

    /// <summary>The workspace called <paramref name="name"/> (Default when empty), or a 404 problem naming the known ones.</summary>
    public async Task<LiveWorkspace> FindAsync(string? name, CancellationToken cancellationToken = default)
    {
        name = string.IsNullOrWhiteSpace(name) ? Workspace.DefaultName : name.Trim();
        if (_known.TryGetValue(name, out var cached))
        {
            return cached;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var workspaces = await db.Workspaces.AsNoTracking().OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken);
        var found = workspaces.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw StudioProblem.NotFound($"There is no workspace \"{name}\". Known workspaces: {string.Join(", ", workspaces.Select(w => w.Name))}.");
        if (string.Equals(found.Name, Workspace.DefaultName, StringComparison.Ordinal))
        {
            Default.Id = found.Id;
            return _known.GetOrAdd(found.Name, Default);
        }
        var live = new LiveWorkspace(found.Name, new ModelHost(Options.Create(new ModelsOptions { DefaultModelPath = "" }), environment)) { Id = found.Id };
        await LoadLiveVersionAsync(live, cancellationToken);
        return _known.GetOrAdd(found.Name, live);
    }

    /// <summary>The file and version name of the workspace's live model version, or null when none is live.</summary>
    public async Task<(string Path, string Version)?> LiveVersionFileAsync(int workspaceId, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var number = await db.ModelVersions.Where(v => v.WorkspaceId == workspaceId && v.IsLive).Select(v => (int?)v.Number).SingleOrDefaultAsync(cancellationToken);
        return number is { } live ? (versionFiles.Path(name, live), $"{name} v{live}") : null;
    }

    /// <summary>
    /// Makes <paramref name="model"/> (a model version just made live) the workspace's live model with its category map
    /// and every correction of the workspace replayed onto it, in id order, so corrections made before the version was
    /// trained still hold. Taken under the workspace's gate, so a correction stored meanwhile is learned by the new model,
    /// not the old one, and a taxonomy edit's new map is not overwritten by one read before it.
    /// </summary>
    public async Task<int> PublishVersionAsync(LiveWorkspace workspace, ModelStatus status, TitleClassifier model, CancellationToken cancellationToken = default)
    {
        int replayed;
        await workspace.Gate.WaitAsync(cancellationToken);
        try
        {
            var mapped = await MapAsync(workspace, model, cancellationToken);
            (replayed, var lastId) = await corrections.ReplayAsync(workspace, mapped, 0, logger, cancellationToken);
            workspace.Publish(status, mapped);
            workspace.LastAppliedCorrectionId = lastId;
        }
        finally
        {
            workspace.Gate.Release();
        }
        if (replayed > 0)
        {
            logger.LogInformation("Replayed {Count} corrections of workspace {Workspace} onto {Version}", replayed, workspace.Name, status.Version);
            writer.RequestSave(workspace);
        }
        return replayed;
    }

    /// <summary>Derives the category map of <paramref name="model"/>, about to be (or being) the workspace's live model, and sets it.</summary>
    public async Task<MappedClassifier> MapAsync(LiveWorkspace workspace, TitleClassifier model, CancellationToken cancellationToken = default)
    {
        var mapped = new MappedClassifier(model, await maps.LoadAsync(workspace.Id, model.Axes, cancellationToken));
        workspace.UseMap(mapped);
        return mapped;
    }

    /// <summary>
    /// After a taxonomy edit or its undo: derives the live model's map again, so its next answer is in the new taxonomy.
    /// A workspace whose model is not loaded yet gets its map when it loads.
    /// </summary>
    public async Task RefreshMapAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        string? name;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            name = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken);
        }
        if (name is null || (!_known.ContainsKey(name) && !string.Equals(name, Workspace.DefaultName, StringComparison.Ordinal)))
        {
            return;
        }
        var workspace = await FindAsync(name, cancellationToken);
        await workspace.Gate.WaitAsync(cancellationToken);
        try
        {
            if (workspace.Classifier is { } model)
            {
                await MapAsync(workspace, model, cancellationToken);
            }
        }
        finally
        {
            workspace.Gate.Release();
        }
    }

    /// <summary>
    /// Loads the workspace's live version: its corrected live file when that grew from this version, else the version file;
    /// then replays every correction the loaded file does not hold yet.
    /// </summary>
    private async Task LoadLiveVersionAsync(LiveWorkspace workspace, CancellationToken cancellationToken)
    {
        if (await LiveVersionFileAsync(workspace.Id, workspace.Name, cancellationToken) is not { } live)
        {
            workspace.Publish(ModelStatus.NotLoaded(workspace.Name,
                $"Workspace {workspace.Name} has no live model yet: import a labelled file in Datasets, then train a version in Models and make it live."), null);
            return;
        }
        var saved = liveModels.ReadState(workspace.Name);
        if (saved is not null && saved.BaseVersion == live.Version)
        {
            var path = liveModels.ModelPath(workspace.Name);
            try
            {
                var corrected = await MapAsync(workspace, await Task.Run(() => ModelFile.Load(path), cancellationToken), cancellationToken);
                var (count, lastId) = await corrections.ReplayAsync(workspace, corrected, saved.LastCorrectionId, logger, cancellationToken);
                workspace.Publish(ModelStatus.LoadedFrom(live.Path, live.Version), corrected);
                workspace.LastAppliedCorrectionId = lastId;
                if (count > 0)
                {
                    writer.RequestSave(workspace);
                }
                return;
            }
            catch (ModelFileException exception)
            {
                logger.LogWarning("The live model {Path} is unreadable ({Reason}); loading {Version} and replaying every correction", path, exception.Message, live.Version);
            }
        }
        await PublishVersionAsync(workspace, ModelStatus.LoadedFrom(live.Path, live.Version), await Task.Run(() => ModelFile.Load(live.Path), cancellationToken), cancellationToken);
    }
}
