using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace JobTitleStudio.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<BatchJob> BatchJobs => Set<BatchJob>();

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

        modelBuilder.Entity<BatchJob>(job =>
        {
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.FileName).HasMaxLength(BatchJob.MaxFileNameLength);
            job.Property(j => j.InputExtension).HasMaxLength(10);
            job.Property(j => j.TitleColumnName).HasMaxLength(BatchJob.MaxTextLength);
            job.Property(j => j.CreatedBy).HasMaxLength(BatchJob.MaxTextLength);
            job.Property(j => j.ModelVersion).HasMaxLength(BatchJob.MaxTextLength);
            job.Property(j => j.CreatedAt).HasConversion(UtcTicks);
            job.Property(j => j.StartedAt).HasConversion(UtcTicks);
            job.Property(j => j.FinishedAt).HasConversion(UtcTicks);
            job.HasOne(j => j.Workspace).WithMany().HasForeignKey(j => j.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            job.HasIndex(j => new { j.WorkspaceId, j.CreatedAt });
            job.HasIndex(j => j.Status);
        });
    }

    // SQLite has no date-time type; ticks keep ordering and comparisons correct in SQL.
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks = new(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
