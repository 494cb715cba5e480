using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.Tests.Taxonomy;

public class AxisTaxonomyTests
{
    /// <summary>IT (40 records) with Security (12) and Network (5) under it, Legal (8) and Risk (3) at the top.</summary>
    private static AxisTaxonomy Function() => new("Function",
    [
        new CategoryCount("IT", null, 40),
        new CategoryCount("Security", "IT", 12),
        new CategoryCount("Network", "IT", 5),
        new CategoryCount("Legal", null, 8),
        new CategoryCount("Risk", null, 3),
    ]);

    [Fact]
    public void The_tree_lists_each_parent_before_its_children_with_their_depth()
    {
        var tree = Function().Tree();

        Assert.Equal(["IT:0", "Network:1", "Security:1", "Legal:0", "Risk:0"], tree.Select(r => $"{r.Category.Name}:{r.Depth}"));
    }

    [Fact]
    public void Merging_moves_every_record_of_the_category_into_the_target_and_removes_it()
    {
        var plan = Function().Merge("Risk", "legal");

        Assert.Equal(3, plan.RecordsAffected);
        Assert.Equal([new LabelMove("Risk", "Legal", 3)], plan.Moves);
        Assert.Equal(["Risk"], plan.Removed);
        Assert.Empty(plan.Added);
        Assert.Equal("Merge \"Risk\" into \"Legal\" on Function", plan.Description);
    }

    [Fact]
    public void Merging_a_parent_moves_its_children_under_the_target()
    {
        var plan = Function().Merge("IT", "Legal");

        Assert.Equal("Legal", plan.After.Single(n => n.Name == "Security").Parent);
        Assert.Equal(40, plan.RecordsAffected);
    }

    [Fact]
    public void Renaming_carries_the_records_and_the_children_along()
    {
        var plan = Function().Rename("IT", "Information Technology");

        Assert.Equal([new LabelMove("IT", "Information Technology", 40)], plan.Moves);
        Assert.Equal("Information Technology", plan.After.Single(n => n.Name == "Network").Parent);
        Assert.Equal(["Information Technology"], plan.Added);
    }

    [Theory]
    [InlineData("IT", "legal", "already has a category \"Legal\": merge \"IT\" into it instead")]
    [InlineData("Sales", "Revenue", "\"Sales\" is not a category of Function. Its categories: IT, Legal, Network, Risk, Security.")]
    [InlineData("IT", " ", "The new name needs a name.")]
    public void A_rename_that_cannot_be_made_says_why(string category, string name, string reason)
    {
        var error = Assert.Throws<TaxonomyEditException>(() => Function().Rename(category, name));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_parent_under_the_category_itself_is_refused()
    {
        var error = Assert.Throws<TaxonomyEditException>(() => Function().SetParent("IT", "Security"));

        Assert.Equal("\"Security\" is under \"IT\"; a category cannot sit under its own descendant.", error.Message);
    }

    [Fact]
    public void Setting_a_parent_changes_only_that_category()
    {
        var plan = Function().SetParent("Risk", "Legal");

        Assert.Equal("Legal", plan.After.Single(n => n.Name == "Risk").Parent);
        Assert.Equal(0, plan.RecordsAffected);
        Assert.Equal(plan.Before.Where(n => n.Name != "Risk"), plan.After.Where(n => n.Name != "Risk"));
    }

    [Fact]
    public void A_split_moves_the_records_matching_a_title_or_a_keyword_to_a_new_category_under_the_same_parent()
    {
        SplitCandidate[] records =
        [
            new(1, "Cloud Security Architect", "cloud security architect"),
            new(2, "Sr. Network Engineer", "senior network engineer"),
            new(3, "SOC Analyst", "soc analyst"),
            new(4, "Security Engineer", "security engineer"),
        ];

        var split = Function().Split("Security", "Cloud", titles: ["Sr Network Engineer"], keywords: ["cloud"], records);

        Assert.Equal([1L, 2L], split.RecordIds);
        Assert.Equal(2, split.Plan.RecordsAffected);
        Assert.Equal(new TaxonomyNode("Cloud", "IT"), split.Plan.After.Single(n => n.Name == "Cloud"));
    }

    [Fact]
    public void A_split_without_titles_or_keywords_is_refused()
    {
        Assert.Throws<TaxonomyEditException>(() => Function().Split("Security", "Cloud", [], [" "], []));
    }

    [Fact]
    public void A_mapping_moves_labels_all_at_once_creates_new_targets_with_their_parents_and_reports_unknown_categories()
    {
        CategoryMappingRow[] mapping =
        [
            new("Security", "Information Security", "IT", 2),
            new("Network", "Networking", "IT", 3),
            new("Legal", "Risk/Legal/Compliance", null, 4),
            new("Risk", "Risk/Legal/Compliance", null, 5),
            new("Sales", "Non-ICP", null, 6),
            new("IT", "IT", null, 7),
        ];

        var plan = Function().Map(mapping);

        Assert.Equal(28, plan.RecordsAffected);
        Assert.Equal(["Information Security", "Networking", "Risk/Legal/Compliance"], plan.Added.Order());
        Assert.Equal(["Legal", "Network", "Risk", "Security"], plan.Removed.Order());
        Assert.Equal("IT", plan.After.Single(n => n.Name == "Networking").Parent);
        Assert.Equal(["Row 6: \"Sales\" is not a category of Function; the row was skipped."], plan.Warnings);
    }

    [Fact]
    public void A_chained_mapping_sends_each_category_one_step_only()
    {
        var plan = Function().Map([new("Legal", "Risk"), new("Risk", "Compliance")]);

        Assert.Equal([new LabelMove("Legal", "Risk", 8), new LabelMove("Risk", "Compliance", 3)], plan.Moves);
        Assert.Equal(["Legal"], plan.Removed);
        Assert.Contains("Risk", plan.After.Select(n => n.Name));
    }

    [Fact]
    public void Undoing_a_merge_brings_the_category_back_with_its_old_parent_and_children()
    {
        var plan = Function().Merge("IT", "Legal");

        var undo = plan.Inverse(plan.After);

        Assert.Equal(["IT"], undo.Restore);
        Assert.Empty(undo.Remove);
        Assert.Equal(["IT:", "Network:IT", "Security:IT"], undo.Parents.Select(p => $"{p.Name}:{p.Parent}").Order());
    }

    [Fact]
    public void Undoing_leaves_a_parent_set_by_a_later_edit_alone()
    {
        var plan = Function().SetParent("Risk", "Legal");
        TaxonomyNode[] later = [.. plan.After.Select(n => n.Name == "Risk" ? n with { Parent = "IT" } : n)];

        Assert.Empty(plan.Inverse(later).Parents);
        Assert.Equal([new TaxonomyNode("Risk", null)], plan.Inverse(plan.After).Parents);
    }

    [Fact]
    public void Undoing_an_added_category_removes_it_and_moves_its_children_to_the_top()
    {
        var plan = Function().Add("Compliance");
        TaxonomyNode[] later = [.. plan.After.Select(n => n.Name == "Risk" ? n with { Parent = "Compliance" } : n)];

        var undo = plan.Inverse(later);

        Assert.Equal(["Compliance"], undo.Remove);
        Assert.Equal([new TaxonomyNode("Risk", null)], undo.Parents);
    }
}
