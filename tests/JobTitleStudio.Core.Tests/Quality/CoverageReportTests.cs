using JobTitleStudio.Core.Quality;

namespace JobTitleStudio.Core.Tests.Quality;

public class CoverageReportTests
{
    [Fact]
    public void Counts_categories_largest_first_marks_rare_and_empty_ones_and_counts_missing_labels()
    {
        (string, IReadOnlyList<string>)[] axes = [("Department", ["Sales", "Finance", "Legal"]), ("Level", ["Junior", "Senior"])];
        var labels = Enumerable.Repeat<IReadOnlyList<string>>(["Sales", "Senior"], 6)
            .Concat(Enumerable.Repeat<IReadOnlyList<string>>(["Finance", ""], 2))
            .Append(["", "Junior"])
            .Append(["Marketing", "Junior"]);

        var coverage = CoverageReport.Build(axes, labels, rareBelow: 5);

        var department = coverage[0];
        Assert.Equal(["Sales", "Finance", "Marketing", "Legal"], department.Categories.Select(c => c.Category));
        Assert.Equal([6, 2, 1, 0], department.Categories.Select(c => c.Records));
        Assert.Equal([false, true, true, false], department.Categories.Select(c => c.Rare));
        Assert.Equal((2, 1, 1), (department.RareCategories, department.EmptyCategories, department.RecordsMissingLabel));
        Assert.Equal((2, 1, 0), (coverage[1].RecordsMissingLabel, coverage[1].RareCategories, coverage[1].EmptyCategories));
    }

    [Fact]
    public void A_record_with_the_wrong_number_of_cells_is_refused()
    {
        (string, IReadOnlyList<string>)[] axes = [("Department", ["Sales"])];

        Assert.Throws<ArgumentException>(() => CoverageReport.Build(axes, [["Sales", "extra"]]));
    }
}
