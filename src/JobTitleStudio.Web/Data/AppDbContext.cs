using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.Lookup;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<Correction> Corrections => Set<Correction>();

    public DbSet<PredictionRecord> PredictionRecords => Set<PredictionRecord>();

    public DbSet<PredictionCall> PredictionCalls => Set<PredictionCall>();

    public DbSet<BatchJob> BatchJobs => Set<BatchJob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Workspace>(workspace =>
        {
            workspace.Property(w => w.Name).HasMaxLength(Workspace.MaxNameLength);
            workspace.HasIndex(w => w.Name).IsUnique();
            workspace.Property(w => w.CreatedAt).HasConversion<UtcTicks>();
        });
        modelBuilder.ApplyConfiguration(new CorrectionConfiguration());
        modelBuilder.ApplyConfiguration(new PredictionRecordConfiguration());
        modelBuilder.ApplyConfiguration(new PredictionCallConfiguration());

        modelBuilder.Entity<BatchJob>(job =>
        {
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
            job.Property(j => j.FileName).HasMaxLength(BatchJob.MaxFileNameLength);
            job.Property(j => j.InputExtension).HasMaxLength(10);
            job.Property(j => j.TitleColumnName).HasMaxLength(BatchJob.MaxTextLength);
            job.Property(j => j.CreatedBy).HasMaxLength(BatchJob.MaxTextLength);
            job.Property(j => j.ModelVersion).HasMaxLength(BatchJob.MaxTextLength);
            job.Property(j => j.CreatedAt).HasConversion<UtcTicks>();
            job.Property(j => j.StartedAt).HasConversion<UtcTicks>();
            job.Property(j => j.FinishedAt).HasConversion<UtcTicks>();
            job.HasOne(j => j.Workspace).WithMany().HasForeignKey(j => j.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            job.HasIndex(j => new { j.WorkspaceId, j.CreatedAt });
            job.HasIndex(j => j.Status);
        });
    }
}
