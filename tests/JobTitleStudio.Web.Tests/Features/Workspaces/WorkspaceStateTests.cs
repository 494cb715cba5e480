using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Workspaces;

public sealed class WorkspaceStateTests
{
    [Fact]
    public async Task Loading_lists_workspaces_by_name_and_starts_in_Default()
    {
        using var database = await TestDatabase.CreateMigratedAsync();
        await AddWorkspaceAsync(database, "Agency");
        var state = new WorkspaceState(new WorkspaceCatalog(database));

        await state.LoadAsync();

        Assert.Equal(["Agency", Workspace.DefaultName], state.Workspaces.Select(w => w.Name));
        Assert.Equal(Workspace.DefaultName, state.Current?.Name);
    }

    [Fact]
    public async Task Selecting_another_workspace_makes_it_current_and_tells_listeners()
    {
        using var database = await TestDatabase.CreateMigratedAsync();
        await AddWorkspaceAsync(database, "Agency");
        var state = new WorkspaceState(new WorkspaceCatalog(database));
        await state.LoadAsync();
        var changes = 0;
        state.Changed += () => changes++;

        state.Select(state.Workspaces.Single(w => w.Name == "Agency").Id);

        Assert.Equal("Agency", state.Current?.Name);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task Selecting_an_unknown_workspace_is_refused()
    {
        using var database = await TestDatabase.CreateMigratedAsync();
        var state = new WorkspaceState(new WorkspaceCatalog(database));
        await state.LoadAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => state.Select(-1));
        Assert.Equal(Workspace.DefaultName, state.Current?.Name);
    }

    private static async Task AddWorkspaceAsync(TestDatabase database, string name)
    {
        await using var db = database.CreateDbContext();
        db.Workspaces.Add(new Workspace { Name = name, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }
}
