using JobTitleStudio.Core.Training;

namespace JobTitleStudio.Core.Tests.Training;

public sealed class LabelledAxesTests
{
    private static readonly IReadOnlyList<string>[] Cells =
    [
        ["Sales", "Manager;Lead"],
        ["Marketing", ""],
        ["Sales", "Director"],
    ];

    [Fact]
    public void Each_axis_gets_its_distinct_labels_in_ordinal_order_and_a_multi_label_axis_splits_cells()
    {
        var axes = LabelledAxes.FromLabels(["Function", "Level"], Cells, name => new AxisSettings(MultiLabel: name == "Level", Threshold: name == "Level" ? 0.3 : null));

        Assert.Equal(["Marketing", "Sales"], axes[0].Categories.Select(c => c.Name).Where(n => n != axes[0].OtherCategory));
        Assert.Equal(["Director", "Lead", "Manager"], axes[1].Categories.Select(c => c.Name).Where(n => n != axes[1].OtherCategory));
        Assert.True(axes[1].MultiLabel);
        Assert.False(axes[0].MultiLabel);
    }

    [Fact]
    public void A_training_row_has_no_label_on_an_axis_whose_cell_is_empty()
    {
        var axes = LabelledAxes.FromLabels(["Function", "Level"], Cells, name => new AxisSettings(MultiLabel: name == "Level"));

        var row = LabelledAxes.TrainingRow(axes, "Marketing Coordinator", Cells[1]);

        Assert.Equal(["Marketing"], row.Labels["Function"]);
        Assert.Empty(row.Labels["Level"]);
        Assert.Equal(["Manager", "Lead"], LabelledAxes.TrainingRow(axes, "Sales Manager", Cells[0]).Labels["Level"]);
    }
}
