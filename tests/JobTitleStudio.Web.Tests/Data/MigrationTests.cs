using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrating_creates_the_schema_and_seeds_the_Default_workspace_once()
    {
        using var database = await TestDatabase.CreateMigratedAsync();
        await using (var again = database.CreateDbContext())
        {
            await again.Database.MigrateAsync();
        }

        await using var db = database.CreateDbContext();
        var workspace = Assert.Single(await db.Workspaces.ToListAsync());
        Assert.Equal(Workspace.DefaultName, workspace.Name);
        Assert.InRange(workspace.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Workspace_names_are_unique()
    {
        using var database = await TestDatabase.CreateMigratedAsync();

        await Assert.ThrowsAsync<DbUpdateException>(() => database.AddWorkspacesAsync(Workspace.DefaultName));
    }

    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --project src/JobTitleStudio.Web --output-dir Data/Migrations");
    }
}
