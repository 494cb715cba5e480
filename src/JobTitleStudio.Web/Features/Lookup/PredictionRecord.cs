using JobTitleStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobTitleStudio.Web.Features.Lookup;

/// <summary>Where a prediction was asked for.</summary>
public static class PredictionSources
{
    public const string Ui = "ui";
    public const string Api = "api";
    public const string Review = "review";
    public const string Batch = "batch";
}

/// <summary>What a human decided about a queued prediction.</summary>
public enum ReviewOutcome
{
    Pending = 0,
    Accepted = 1,
    Corrected = 2,
}

/// <summary>The model's answer for one title on one axis, as served by a lookup of up to 100 titles; feeds the review queue.</summary>
public sealed class PredictionRecord
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Title { get; set; }
    public required string NormalizedTitle { get; set; }
    public required string Axis { get; set; }
    public required string Label { get; set; }
    public float Probability { get; set; }

    /// <summary>The winner's probability minus the runner-up's.</summary>
    public float Margin { get; set; }

    /// <summary>The keyword rules' answer on this axis when it differs from the model's, else null.</summary>
    public string? RuleLabel { get; set; }

    /// <summary>Higher is more worth a human look; see <see cref="Review.Uncertainty"/>.</summary>
    public double Uncertainty { get; set; }

    /// <summary>
    /// Only the first pending record of a normalised title and axis enters the review queue, so a title looked
    /// up ten times is reviewed once.
    /// </summary>
    public bool Queued { get; set; }

    public ReviewOutcome Outcome { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public required string ModelVersion { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A classification call too large to record title by title (more than 100 titles, or a batch): one row per call.</summary>
public sealed class PredictionCall
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public int Count { get; set; }
    public required string ModelVersion { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PredictionRecordConfiguration : IEntityTypeConfiguration<PredictionRecord>
{
    public void Configure(EntityTypeBuilder<PredictionRecord> record)
    {
        record.Property(r => r.Title).HasMaxLength(300);
        record.Property(r => r.NormalizedTitle).HasMaxLength(300);
        record.Property(r => r.Axis).HasMaxLength(200);
        record.Property(r => r.Label).HasMaxLength(200);
        record.Property(r => r.RuleLabel).HasMaxLength(200);
        record.Property(r => r.ModelVersion).HasMaxLength(200);
        record.Property(r => r.Source).HasMaxLength(20);
        record.Property(r => r.CreatedAt).HasConversion<UtcTicks>();
        record.Property(r => r.ReviewedAt).HasConversion<UtcTicks>();
        record.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        // The queue: pending, queued records of a workspace, most uncertain first, optionally of one axis.
        record.HasIndex(r => new { r.WorkspaceId, r.Outcome, r.Queued, r.Uncertainty });
        // Marking every pending record of a title reviewed at once, and finding whether one is queued already.
        record.HasIndex(r => new { r.WorkspaceId, r.NormalizedTitle, r.Axis, r.Outcome });
        // "Reviewed today".
        record.HasIndex(r => new { r.WorkspaceId, r.ReviewedAt });
    }
}

internal sealed class PredictionCallConfiguration : IEntityTypeConfiguration<PredictionCall>
{
    public void Configure(EntityTypeBuilder<PredictionCall> call)
    {
        call.Property(c => c.ModelVersion).HasMaxLength(200);
        call.Property(c => c.Source).HasMaxLength(20);
        call.Property(c => c.CreatedAt).HasConversion<UtcTicks>();
        call.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        call.HasIndex(c => new { c.WorkspaceId, c.CreatedAt });
    }
}
