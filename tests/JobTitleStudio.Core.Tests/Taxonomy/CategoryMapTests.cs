using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.Tests.Taxonomy;

public class CategoryMapTests
{
    private static readonly AxisDefinition Function = new("Function", new[] { "Sales", "Marketing", "HR", "IT" }.Select(n => new CategoryDefinition(n)));

    private static AxisPrediction Prediction(AxisDefinition axis, params (string Category, float P)[] scores)
    {
        var ranked = scores.OrderByDescending(s => s.P).Select(s => new CategoryScore(s.Category, s.P)).ToList();
        var label = ranked[0].Category;
        return new AxisPrediction(axis.Name, label, ranked[0].Probability, false, [label], ranked, false,
            [new FeatureContribution("w:sales", 1.5f)], [new NearestTitle("marketing lead", 0.9f, ["Marketing"]), new NearestTitle("hr lead", 0.8f, ["HR"])]);
    }

    private static AxisCategoryMap Merge(AxisDefinition axis, string category, string into, long records = 10) =>
        new CategoryMapBuilder([axis]).Apply(1, axis.Name, [new LabelMove(category, into, records)]).Build().For(axis)!;

    [Fact]
    public void A_merge_adds_up_the_probabilities_of_the_merged_categories_and_ranks_again()
    {
        var map = Merge(Function, "Marketing", "HR");

        var mapped = map.Map(Prediction(Function, ("Sales", 0.40f), ("Marketing", 0.35f), ("HR", 0.25f), ("IT", 0f), ("Other", 0f)), topN: 2);

        Assert.Equal("HR", mapped.Label);
        Assert.Equal(0.60f, mapped.Probability, 5);
        Assert.Equal(["HR", "Sales"], mapped.Top.Select(t => t.Category));
        Assert.Equal([0.60f, 0.40f], mapped.Top.Select(t => t.Probability));
        Assert.Equal(["HR"], mapped.Labels);
        Assert.False(mapped.Abstained);
        Assert.DoesNotContain("Marketing", map.Axis.Categories.Select(c => c.Name));
    }

    [Fact]
    public void The_explanation_is_kept_only_while_the_winner_is_still_the_models_winners_category()
    {
        var map = Merge(Function, "Marketing", "HR");
        var prediction = Prediction(Function, ("Sales", 0.40f), ("Marketing", 0.35f), ("HR", 0.25f));

        Assert.Null(map.Map(prediction, 5).Explanation);
        Assert.NotNull(Merge(Function, "HR", "Sales").Map(prediction, 5).Explanation);
    }

    [Fact]
    public void Nearest_titles_keep_their_order_with_their_labels_renamed()
    {
        var mapped = Merge(Function, "Marketing", "HR").Map(Prediction(Function, ("Sales", 0.5f), ("Marketing", 0.3f), ("HR", 0.2f)), 5);

        Assert.Equal(["marketing lead", "hr lead"], mapped.Nearest!.Select(n => n.Normalized));
        Assert.Equal(["HR", "HR"], mapped.Nearest!.Select(n => n.Labels.Single()));
    }

    [Fact]
    public void Below_the_threshold_the_axis_abstains_with_its_other_category_and_a_merge_can_lift_it_above()
    {
        var axis = new AxisDefinition("Function", Function.Categories, threshold: 0.5);
        var prediction = Prediction(axis, ("Sales", 0.40f), ("Marketing", 0.35f), ("HR", 0.25f)) with { Label = "Other", Abstained = true, Labels = ["Other"] };

        var renamed = new CategoryMapBuilder([axis]).Apply(1, "Function", [new LabelMove("Sales", "Revenue", 5)]).Build().For(axis)!.Map(prediction, 5);
        var merged = Merge(axis, "Marketing", "Sales").Map(prediction, 5);

        Assert.True(renamed.Abstained);
        Assert.Equal("Other", renamed.Label);
        Assert.Equal("Revenue", renamed.Top[0].Category);
        Assert.False(merged.Abstained);
        Assert.Equal("Sales", merged.Label);
        Assert.Equal(0.75f, merged.Probability, 5);
    }

    [Fact]
    public void On_a_multi_label_axis_merged_categories_apply_when_any_of_them_would_and_the_threshold_picks_the_labels()
    {
        var axis = new AxisDefinition("Skills", new[] { "Excel", "Sheets", "Python" }.Select(n => new CategoryDefinition(n)), multiLabel: true, threshold: 0.5);
        var prediction = new AxisPrediction("Skills", "Other", 0.4f, true, [], [new("Excel", 0.4f), new("Sheets", 0.3f), new("Python", 0.2f), new("Other", 0f)], false);

        var mapped = new CategoryMapBuilder([axis]).Apply(1, "Skills", [new LabelMove("Excel", "Spreadsheets", 4), new LabelMove("Sheets", "Spreadsheets", 2)])
            .Build().For(axis)!.Map(prediction, 5);

        // 1 - (1 - 0.4)(1 - 0.3): never above 1, unlike a sum.
        Assert.Equal(0.58f, mapped.Probability, 5);
        Assert.Equal(["Spreadsheets"], mapped.Labels);
        Assert.Equal("Spreadsheets", mapped.Label);
        Assert.False(mapped.Abstained);
    }

    [Fact]
    public void Successive_edits_compose_and_one_mapping_moves_all_its_rows_at_once()
    {
        var map = new CategoryMapBuilder([Function])
            .Apply(1, "Function", [new LabelMove("Marketing", "Growth", 3)])
            .Apply(2, "function", [new LabelMove("Growth", "Commercial", 3)])
            .Apply(3, "Function", [new LabelMove("HR", "IT", 4), new LabelMove("IT", "HR", 6)])
            .Build();

        Assert.Equal("Commercial", map.Name("Function", "Marketing"));
        Assert.Equal("IT", map.Name("Function", "HR"));
        Assert.Equal("HR", map.Name("Function", "IT"));
        Assert.Equal("Sales", map.Name("Function", "Sales"));
    }

    [Fact]
    public void An_undo_puts_back_what_its_edit_moved_unless_a_later_edit_moved_it_again()
    {
        var builder = new CategoryMapBuilder([Function])
            .Apply(1, "Function", [new LabelMove("Marketing", "Sales", 3)])
            .Apply(2, "Function", [new LabelMove("HR", "People", 4)])
            .Apply(3, "Function", [new LabelMove("People", "Staff", 4)]);

        builder.Undo(3);
        Assert.Equal("People", builder.Build().Name("Function", "HR"));
        builder.Apply(4, "Function", [new LabelMove("Sales", "Revenue", 9)]).Undo(1);
        var map = builder.Build();

        // Marketing went on to Revenue with Sales after the merge: the undo of the merge leaves it there, as it does the records.
        Assert.Equal("Revenue", map.Name("Function", "Marketing"));
        builder.Undo(4).Undo(2);
        // As for records: undoing the rename brings Marketing back to where the merge had put it.
        Assert.Equal(new Dictionary<string, string> { ["Marketing"] = "Sales" }, builder.Build().Changes("Function"));
    }

    [Fact]
    public void An_undo_of_an_edit_made_before_the_model_or_an_axis_the_model_lacks_changes_nothing()
    {
        var map = new CategoryMapBuilder([Function]).Undo(7).Apply(8, "Level", [new LabelMove("Senior", "Lead", 1)]).Build();

        Assert.True(map.IsIdentity);
    }

    [Fact]
    public void A_correction_to_a_current_category_teaches_the_model_category_of_that_name_else_the_one_that_brought_most_records()
    {
        var merged = Merge(Function, "Marketing", "HR");
        var mapped = new CategoryMapBuilder([Function])
            .Apply(1, "Function", [new LabelMove("Marketing", "Commercial", 30), new LabelMove("Sales", "Commercial", 80)]).Build().For(Function)!;
        var renamedTwice = new CategoryMapBuilder([Function])
            .Apply(1, "Function", [new LabelMove("HR", "People", 5)]).Apply(2, "Function", [new LabelMove("People", "Staff", 5)]).Build().For(Function)!;

        Assert.Equal("HR", merged.ModelCategory("HR"));
        Assert.Null(merged.ModelCategory("Marketing"));
        Assert.Equal("Sales", mapped.ModelCategory("Commercial"));
        Assert.Equal("HR", renamedTwice.ModelCategory("Staff"));
    }

    [Fact]
    public void The_mapped_axis_keeps_its_threshold_and_renames_its_other_category_and_parents()
    {
        var axis = new AxisDefinition("Function", [new CategoryDefinition("IT"), new CategoryDefinition("Security", Parent: "IT"), new CategoryDefinition("Misc")],
            otherCategory: "Misc", threshold: 0.3);

        var mapped = new CategoryMapBuilder([axis]).Apply(1, "Function", [new LabelMove("IT", "Technology", 1), new LabelMove("Misc", "Unclassified", 1)]).Build().For(axis)!.Axis;

        Assert.Equal("Unclassified", mapped.OtherCategory);
        Assert.Equal(0.3, mapped.Threshold);
        Assert.Equal("Technology", mapped.Categories.Single(c => c.Name == "Security").Parent);
    }

    [Fact]
    public void Through_the_identity_map_a_model_answers_exactly_as_it_does_alone()
    {
        var model = Trained();
        var options = new PredictionOptions { TopN = 2, NearestTitles = 2 };

        var identity = new MappedClassifier(model, CategoryMap.Identity);
        var alone = model.Predict("Sales director", options);
        var through = identity.Predict("Sales director", options);

        Assert.False(identity.IsMapped);
        Assert.Equal(model.Axes, identity.Axes);
        Assert.Equal(alone.Axes.Select(a => (a.Label, a.Probability, string.Join(",", a.Top))), through.Axes.Select(a => (a.Label, a.Probability, string.Join(",", a.Top))));
    }

    [Fact]
    public void A_mapped_model_answers_the_merged_category_with_the_sum_of_the_whole_distribution_and_the_requested_top()
    {
        var model = Trained();
        var full = model.Predict("Marketing sales lead", new PredictionOptions { TopN = 10 })["Function"];
        var map = new CategoryMapBuilder(model.Axes).Apply(1, "Function", [new LabelMove("Marketing", "Sales", 3)]).Build();

        var mapped = new MappedClassifier(model, map).PredictBatch(["Marketing sales lead", "MARKETING SALES LEAD", "Recruiter"], new PredictionOptions { TopN = 1 });

        var expected = full.Top.Where(t => t.Category is "Sales" or "Marketing").Sum(t => t.Probability);
        Assert.Equal("Sales", mapped[0]["Function"].Label);
        Assert.Equal(expected, mapped[0]["Function"].Probability, 4);
        Assert.Single(mapped[0]["Function"].Top);
        Assert.Single(mapped[0]["Level"].Top);
        Assert.Equal("MARKETING SALES LEAD", mapped[1].Title);
        Assert.Equal(mapped[0]["Function"].Probability, mapped[1]["Function"].Probability);
        Assert.DoesNotContain(mapped.SelectMany(p => p.Axes).SelectMany(a => a.Top), t => t.Category == "Marketing");
    }

    [Fact]
    public void A_correction_in_the_new_name_is_learned_by_the_model_category_behind_it_and_answered_in_the_new_name()
    {
        var model = Trained();
        var mapped = new MappedClassifier(model, new CategoryMapBuilder(model.Axes).Apply(1, "Function", [new LabelMove("HR", "People", 5)]).Build());

        mapped.Learn("Chief happiness officer", "Function", "People");

        Assert.Equal("People", mapped.Predict("Chief happiness officer")["Function"].Label);
        Assert.Equal("HR", model.Predict("Chief happiness officer")["Function"].Label);
        Assert.Contains("People", mapped.Axes[0].Categories.Select(c => c.Name));
        Assert.Throws<ArgumentException>(() => mapped.Learn("Chief happiness officer", "Function", "HR"));
    }

    [Fact]
    public void TryLearn_of_a_name_no_model_category_maps_onto_returns_false_and_leaves_the_answer_alone()
    {
        var model = Trained();
        var mapped = new MappedClassifier(model, new CategoryMapBuilder(model.Axes).Apply(1, "Function", [new LabelMove("HR", "People", 5)]).Build());
        var before = mapped.Predict("Chief happiness officer")["Function"];

        Assert.False(mapped.TryLearn("Chief happiness officer", "Function", "HR"));
        Assert.False(mapped.TryLearn("Chief happiness officer", "No such axis", "People"));

        var after = mapped.Predict("Chief happiness officer")["Function"];
        Assert.Equal(before.Label, after.Label);
        Assert.Equal(before.Probability, after.Probability);
        Assert.True(mapped.TryLearn("Chief happiness officer", "Function", "People"));
        Assert.Equal("People", mapped.Predict("Chief happiness officer")["Function"].Label);
    }

    private static TitleClassifier Trained()
    {
        var model = new TitleClassifier(
        [
            new AxisDefinition("Function", new[] { "Sales", "Marketing", "HR" }.Select(n => new CategoryDefinition(n))),
            new AxisDefinition("Level", new[] { "Manager", "Professional" }.Select(n => new CategoryDefinition(n))),
        ]);
        model.Train(
        [
            TrainingRow.Of("Sales manager", ("Function", "Sales"), ("Level", "Manager")),
            TrainingRow.Of("Account executive", ("Function", "Sales"), ("Level", "Professional")),
            TrainingRow.Of("Sales representative", ("Function", "Sales"), ("Level", "Professional")),
            TrainingRow.Of("Marketing manager", ("Function", "Marketing"), ("Level", "Manager")),
            TrainingRow.Of("Marketing specialist", ("Function", "Marketing"), ("Level", "Professional")),
            TrainingRow.Of("Brand manager", ("Function", "Marketing"), ("Level", "Manager")),
            TrainingRow.Of("HR manager", ("Function", "HR"), ("Level", "Manager")),
            TrainingRow.Of("Recruiter", ("Function", "HR"), ("Level", "Professional")),
            TrainingRow.Of("Payroll specialist", ("Function", "HR"), ("Level", "Professional")),
        ]);
        return model;
    }
}
