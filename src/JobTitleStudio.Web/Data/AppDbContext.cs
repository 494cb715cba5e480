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
    }
}
