using JobTitleStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JobTitleStudio.Web.Features.Corrections;

public enum CorrectionKind
{
    /// <summary>An analyst's "the right category is X".</summary>
    Correction = 0,

    /// <summary>An analyst accepted the model's answer in Review: stored with the old label equal to the new one.</summary>
    Confirmation = 1,

    /// <summary>Restores the label a correction replaced; <see cref="Correction.UndoOfId"/> names it.</summary>
    Undo = 2,
}

/// <summary>One analyst decision on one title and axis, stored before the live model learns it, so none is lost.</summary>
public sealed class Correction
{
    public const int MaxTitleLength = 300;
    public const int MaxNameLength = 200;

    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Title { get; set; }
    public required string NormalizedTitle { get; set; }
    public required string Axis { get; set; }

    /// <summary>The label the model answered before the change.</summary>
    public required string OldLabel { get; set; }

    public required string NewLabel { get; set; }
    public CorrectionKind Kind { get; set; }
    public long? UndoOfId { get; set; }

    /// <summary>The undo record that reverted this one, if any.</summary>
    public long? UndoneById { get; set; }

    public required string Author { get; set; }

    /// <summary>Where it was made: ui, review or api.</summary>
    public required string Source { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CorrectionConfiguration : IEntityTypeConfiguration<Correction>
{
    public void Configure(EntityTypeBuilder<Correction> correction)
    {
        correction.Property(c => c.Title).HasMaxLength(Correction.MaxTitleLength);
        correction.Property(c => c.NormalizedTitle).HasMaxLength(Correction.MaxTitleLength);
        correction.Property(c => c.Axis).HasMaxLength(Correction.MaxNameLength);
        correction.Property(c => c.OldLabel).HasMaxLength(Correction.MaxNameLength);
        correction.Property(c => c.NewLabel).HasMaxLength(Correction.MaxNameLength);
        correction.Property(c => c.Author).HasMaxLength(Correction.MaxNameLength);
        correction.Property(c => c.Source).HasMaxLength(20);
        correction.Property(c => c.CreatedAt).HasConversion<UtcTicks>();
        correction.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        // Replay reads by id, History pages newest first and filters by axis and time.
        correction.HasIndex(c => new { c.WorkspaceId, c.Id });
        correction.HasIndex(c => new { c.WorkspaceId, c.Axis, c.Id });
        correction.HasIndex(c => new { c.WorkspaceId, c.CreatedAt });
    }
}
