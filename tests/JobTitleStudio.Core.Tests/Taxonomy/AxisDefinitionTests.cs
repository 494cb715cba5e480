using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.Tests.Taxonomy;

public sealed class AxisDefinitionTests
{
    [Fact]
    public void Other_category_is_appended_when_the_caller_did_not_list_it()
    {
        var axis = new AxisDefinition("Function", [new("Marketing"), new("Sales")]);

        Assert.Equal(["Marketing", "Sales", "Other"], axis.Categories.Select(c => c.Name));
        Assert.Equal(2, axis.OtherIndex);
    }

    [Fact]
    public void Listed_other_category_is_not_duplicated_and_a_custom_name_is_kept()
    {
        var axis = new AxisDefinition("Level", [new("Unknown"), new("Director")], otherCategory: "Unknown");

        Assert.Equal(2, axis.Count);
        Assert.Equal(0, axis.OtherIndex);
    }

    [Fact]
    public void Axis_name_keeps_its_case()
    {
        Assert.Equal("O*NET Occupation", new AxisDefinition("O*NET Occupation", [new("a")]).Name);
    }

    [Fact]
    public void Duplicate_category_names_are_rejected_with_the_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new AxisDefinition("Function", [new("Sales"), new("Sales")]));

        Assert.Contains("\"Sales\" twice", error.Message);
    }

    [Fact]
    public void Parent_must_be_a_category_of_the_axis()
    {
        var error = Assert.Throws<ArgumentException>(() => new AxisDefinition("Function", [new("Field Sales", Parent: "Sales")]));

        Assert.Contains("parent \"Sales\"", error.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Threshold_outside_zero_to_one_is_rejected(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AxisDefinition("Level", [new("Director")], threshold: threshold));
    }

    [Fact]
    public void Unknown_category_lookup_says_which_axis()
    {
        var axis = new AxisDefinition("Function", [new("Sales")]);

        var error = Assert.Throws<ArgumentException>(() => axis.IndexOf("Legal"));

        Assert.Contains("axis \"Function\"", error.Message);
        Assert.False(axis.TryIndexOf("Legal", out _));
    }

    [Fact]
    public void From_labels_keeps_first_seen_order_without_repeats()
    {
        var axis = AxisDefinition.FromLabels("Function", ["Sales", "HR", "Sales"]);

        Assert.Equal(["Sales", "HR", "Other"], axis.Categories.Select(c => c.Name));
    }

    [Fact]
    public void Category_label_is_the_display_name_when_there_is_one()
    {
        Assert.Equal("Software Developers", new CategoryDefinition("15-1252.00", "Software Developers").Label);
        Assert.Equal("Sales", new CategoryDefinition("Sales").Label);
    }
}
