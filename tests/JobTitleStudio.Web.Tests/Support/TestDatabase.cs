using JobTitleStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Tests.Support;

/// <summary>A migrated SQLite file of its own, reached the way the app reaches it: through a context factory.</summary>
public sealed class TestDatabase : IDbContextFactory<AppDbContext>, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DbContextOptions<AppDbContext> _options;

    private TestDatabase()
    {
        ConnectionString = $"Data Source={_folder.Combine("test.db")}";
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(builder, ConnectionString);
        _options = builder.Options;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var database = new TestDatabase();
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public AppDbContext CreateDbContext() => new(_options);

    public async Task AddWorkspacesAsync(params string[] names)
    {
        await using var db = CreateDbContext();
        db.Workspaces.AddRange(names.Select(name => new Workspace { Name = name, CreatedAt = DateTimeOffset.UtcNow }));
        await db.SaveChangesAsync();
    }

    public void Dispose() => _folder.Dispose();
}
