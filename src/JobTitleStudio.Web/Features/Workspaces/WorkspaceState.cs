namespace JobTitleStudio.Web.Features.Workspaces;

/// <summary>The workspace chosen in the top bar, per circuit (scoped): every screen works within it.</summary>
public sealed class WorkspaceState(WorkspaceCatalog catalog)
{
    public IReadOnlyList<WorkspaceSummary> Workspaces { get; private set; } = [];

    public WorkspaceSummary? Current { get; private set; }

    public event Action? Changed;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        Workspaces = await catalog.ListAsync(cancellationToken);
        Current = Workspaces.FirstOrDefault(w => w.Id == Current?.Id)
            ?? Workspaces.FirstOrDefault(w => w.Name == Data.Workspace.DefaultName)
            ?? Workspaces.FirstOrDefault();
    }

    public void Select(int workspaceId)
    {
        var chosen = Workspaces.FirstOrDefault(w => w.Id == workspaceId)
            ?? throw new ArgumentOutOfRangeException(nameof(workspaceId), workspaceId, "No such workspace.");
        if (chosen == Current)
        {
            return;
        }

        Current = chosen;
        Changed?.Invoke();
    }

    /// <summary>Creates the workspace and switches every screen of this circuit to it.</summary>
    public async Task<WorkspaceSummary> CreateAsync(string? name, CancellationToken cancellationToken = default)
    {
        var created = await catalog.CreateAsync(name, cancellationToken);
        await LoadAsync(cancellationToken);
        Select(created.Id);
        return created;
    }
}
