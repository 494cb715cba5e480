using JobTitleStudio.Web.Data;

namespace JobTitleStudio.Web.Features.Reports;

/// <summary>Sets record labels as part of a recorded <see cref="LabelChangeSet"/>, keeping what each replaced so it can be undone.</summary>
internal static class LabelChangeRecorder
{
    /// <param name="label">The record's current label on the axis, or null when it has none (one is created).</param>
    public static async Task SetAsync(AppDbContext db, LabelChangeSet set, RecordLabel? label, long recordId, int axisId, string newLabel, LabelSource source, CancellationToken cancellationToken)
    {
        if (label is null)
        {
            label = new RecordLabel { RecordId = recordId, AxisId = axisId, Label = "", Source = source };
            db.RecordLabels.Add(label);
            // The change refers to the label by id, so the label needs one first.
            await db.SaveChangesAsync(cancellationToken);
        }
        set.Changes.Add(new LabelChange { RecordLabelId = label.Id, OldLabel = label.Label, OldSource = label.Source, NewLabel = newLabel, NewSource = source });
        label.Label = newLabel;
        label.Source = source;
    }
}
