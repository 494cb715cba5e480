using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        // A factory, not a scoped context: a Blazor Server circuit outlives any sensible unit of work.
        // The connection string is read when the first context is made, so configuration added late (tests) still counts.
        services.AddDbContextFactory<AppDbContext>((provider, options) => Configure(options, SqliteConnectionStrings.Resolve(
            provider.GetRequiredService<IConfiguration>().GetConnectionString(SqliteConnectionStrings.Name),
            provider.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        return services;
    }

    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString)
            .UseAsyncSeeding((context, _, cancellationToken) => SeedAsync(context, cancellationToken))
            // `dotnet ef database update` seeds through the synchronous hook; SQLite I/O is synchronous underneath anyway.
            .UseSeeding((context, _) => SeedAsync(context, CancellationToken.None).GetAwaiter().GetResult());

    private static async Task SeedAsync(DbContext context, CancellationToken cancellationToken)
    {
        var workspaces = context.Set<Workspace>();
        if (!await workspaces.AnyAsync(w => w.Name == Workspace.DefaultName, cancellationToken))
        {
            workspaces.Add(new Workspace { Name = Workspace.DefaultName, CreatedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Applies pending migrations (which also seeds) and turns on write-ahead logging before the app serves requests.</summary>
    public static async Task MigrateDatabaseAsync(this IHost app, CancellationToken cancellationToken = default)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers (lookups, reports) proceed while a batch or a correction writes; the mode is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
