using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Workspaces;

public sealed class WorkspaceStateTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private WorkspaceState _state = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        await _database.AddWorkspacesAsync("Agency");
        _state = new WorkspaceState(new WorkspaceCatalog(_database));
        await _state.LoadAsync();
    }

    [Fact]
    public void Loading_lists_workspaces_by_name_and_starts_in_Default()
    {
        Assert.Equal(["Agency", Workspace.DefaultName], _state.Workspaces.Select(w => w.Name));
        Assert.Equal(Workspace.DefaultName, _state.Current?.Name);
    }

    [Fact]
    public void Selecting_another_workspace_makes_it_current_and_tells_listeners()
    {
        var changes = 0;
        _state.Changed += () => changes++;

        _state.Select(_state.Workspaces.Single(w => w.Name == "Agency").Id);

        Assert.Equal("Agency", _state.Current?.Name);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task Reloading_keeps_the_current_choice()
    {
        _state.Select(_state.Workspaces.Single(w => w.Name == "Agency").Id);

        await _state.LoadAsync();

        Assert.Equal("Agency", _state.Current?.Name);
    }

    [Fact]
    public void Selecting_an_unknown_workspace_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _state.Select(-1));
        Assert.Equal(Workspace.DefaultName, _state.Current?.Name);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }
}
