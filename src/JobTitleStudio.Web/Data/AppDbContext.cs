using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Workspace>(workspace =>
        {
            workspace.Property(w => w.Name).HasMaxLength(Workspace.MaxNameLength);
            workspace.HasIndex(w => w.Name).IsUnique();
            // SQLite has no date-time type; ticks keep ordering and comparisons correct in SQL.
            workspace.Property(w => w.CreatedAt).HasConversion(
                value => value.UtcTicks,
                ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
        });
    }
}
