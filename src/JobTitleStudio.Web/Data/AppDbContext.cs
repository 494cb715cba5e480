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

    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<TaxonomyAxis> Axes => Set<TaxonomyAxis>();

    public DbSet<TaxonomyCategory> Categories => Set<TaxonomyCategory>();

    public DbSet<DatasetRecord> Records => Set<DatasetRecord>();

    public DbSet<RecordLabel> RecordLabels => Set<RecordLabel>();

    public DbSet<LabelChangeSet> LabelChangeSets => Set<LabelChangeSet>();

    public DbSet<LabelChange> LabelChanges => Set<LabelChange>();

    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();

    public DbSet<LabelErrorRun> LabelErrorRuns => Set<LabelErrorRun>();

    public DbSet<LabelErrorFinding> LabelErrorFindings => Set<LabelErrorFinding>();
    public DbSet<KeywordRuleRow> KeywordRules => Set<KeywordRuleRow>();

    public DbSet<RuleChange> RuleChanges => Set<RuleChange>();

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

        modelBuilder.Entity<Dataset>(dataset =>
        {
            dataset.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            dataset.Property(d => d.FileName).HasMaxLength(Dataset.MaxTextLength);
            dataset.Property(d => d.InputExtension).HasMaxLength(10);
            dataset.Property(d => d.TitleColumnName).HasMaxLength(Dataset.MaxTextLength);
            dataset.Property(d => d.ImportedBy).HasMaxLength(Dataset.MaxTextLength);
            dataset.Property(d => d.ImportedAt).HasConversion<UtcTicks>();
            dataset.Property(d => d.FinishedAt).HasConversion<UtcTicks>();
            dataset.HasOne(d => d.Workspace).WithMany().HasForeignKey(d => d.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            dataset.HasIndex(d => new { d.WorkspaceId, d.ImportedAt });
        });
        modelBuilder.Entity<TaxonomyAxis>(axis =>
        {
            axis.Property(a => a.Name).HasMaxLength(TaxonomyAxis.MaxNameLength);
            axis.HasOne<Workspace>().WithMany().HasForeignKey(a => a.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            axis.HasIndex(a => new { a.WorkspaceId, a.Name }).IsUnique();
            axis.HasMany(a => a.Categories).WithOne(c => c.Axis).HasForeignKey(c => c.AxisId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TaxonomyCategory>(category =>
        {
            category.Property(c => c.Name).HasMaxLength(TaxonomyCategory.MaxNameLength);
            category.HasIndex(c => new { c.AxisId, c.Name }).IsUnique();
            category.HasOne<TaxonomyCategory>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<DatasetRecord>(record =>
        {
            record.Property(r => r.Title).HasMaxLength(DatasetRecord.MaxTitleLength);
            record.Property(r => r.NormalizedTitle).HasMaxLength(DatasetRecord.MaxTitleLength);
            record.HasOne(r => r.Dataset).WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Cascade);
            record.HasMany(r => r.Labels).WithOne(l => l.Record).HasForeignKey(l => l.RecordId).OnDelete(DeleteBehavior.Cascade);
            record.HasIndex(r => new { r.WorkspaceId, r.Id });
            record.HasIndex(r => new { r.WorkspaceId, r.NormalizedTitle });
        });
        modelBuilder.Entity<RecordLabel>(label =>
        {
            label.Property(l => l.Label).HasMaxLength(TaxonomyCategory.MaxNameLength);
            label.Property(l => l.Source).HasConversion<string>().HasMaxLength(20);
            label.HasOne(l => l.Axis).WithMany().HasForeignKey(l => l.AxisId).OnDelete(DeleteBehavior.Cascade);
            label.HasIndex(l => new { l.RecordId, l.AxisId }).IsUnique();
            label.HasIndex(l => new { l.AxisId, l.Label });
            label.HasIndex(l => new { l.AxisId, l.Source });
        });
        modelBuilder.Entity<LabelChangeSet>(set =>
        {
            set.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
            set.Property(s => s.Description).HasMaxLength(1000);
            set.Property(s => s.Author).HasMaxLength(Dataset.MaxTextLength);
            set.Property(s => s.CreatedAt).HasConversion<UtcTicks>();
            set.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            set.HasMany(s => s.Changes).WithOne().HasForeignKey(c => c.ChangeSetId).OnDelete(DeleteBehavior.Cascade);
            set.HasIndex(s => new { s.WorkspaceId, s.CreatedAt });
            set.HasOne<TaxonomyAxis>().WithMany().HasForeignKey(s => s.AxisId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<LabelChange>(change =>
        {
            change.Property(c => c.OldLabel).HasMaxLength(TaxonomyCategory.MaxNameLength);
            change.Property(c => c.NewLabel).HasMaxLength(TaxonomyCategory.MaxNameLength);
            change.Property(c => c.OldSource).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.NewSource).HasConversion<string>().HasMaxLength(20);
            change.HasOne<RecordLabel>().WithMany().HasForeignKey(c => c.RecordLabelId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ModelVersion>(version =>
        {
            version.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
            version.Property(v => v.CreatedBy).HasMaxLength(Dataset.MaxTextLength);
            version.Property(v => v.CreatedAt).HasConversion<UtcTicks>();
            version.Property(v => v.FinishedAt).HasConversion<UtcTicks>();
            version.HasOne(v => v.Workspace).WithMany().HasForeignKey(v => v.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            version.HasIndex(v => new { v.WorkspaceId, v.Number }).IsUnique();
        });
        modelBuilder.Entity<LabelErrorRun>(run =>
        {
            run.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            run.Property(r => r.StartedBy).HasMaxLength(Dataset.MaxTextLength);
            run.Property(r => r.ModelDescription).HasMaxLength(Dataset.MaxTextLength);
            run.Property(r => r.CreatedAt).HasConversion<UtcTicks>();
            run.Property(r => r.FinishedAt).HasConversion<UtcTicks>();
            run.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            run.HasMany(r => r.Findings).WithOne().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
            run.HasIndex(r => new { r.WorkspaceId, r.CreatedAt });
        });
        modelBuilder.Entity<LabelErrorFinding>(finding =>
        {
            finding.Property(f => f.Label).HasMaxLength(TaxonomyCategory.MaxNameLength);
            finding.Property(f => f.Suggestion).HasMaxLength(TaxonomyCategory.MaxNameLength);
            finding.HasOne(f => f.Record).WithMany().HasForeignKey(f => f.RecordId).OnDelete(DeleteBehavior.Cascade);
            finding.HasOne(f => f.Axis).WithMany().HasForeignKey(f => f.AxisId).OnDelete(DeleteBehavior.Cascade);
            finding.HasIndex(f => new { f.RunId, f.Loss });
        });
        modelBuilder.Entity<KeywordRuleRow>(rule =>
        {
            rule.Property(r => r.Axis).HasMaxLength(TaxonomyAxis.MaxNameLength);
            rule.Property(r => r.Keyword).HasMaxLength(KeywordRuleRow.MaxKeywordLength);
            rule.Property(r => r.Category).HasMaxLength(TaxonomyCategory.MaxNameLength);
            rule.Property(r => r.UpdatedBy).HasMaxLength(Dataset.MaxTextLength);
            rule.Property(r => r.UpdatedAt).HasConversion<UtcTicks>();
            rule.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            rule.HasIndex(r => new { r.WorkspaceId, r.Axis });
        });
        modelBuilder.Entity<RuleChange>(change =>
        {
            change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.Description).HasMaxLength(1000);
            change.Property(c => c.Author).HasMaxLength(Dataset.MaxTextLength);
            change.Property(c => c.CreatedAt).HasConversion<UtcTicks>();
            change.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            change.HasIndex(c => new { c.WorkspaceId, c.CreatedAt });
        });
    }
}
