using JobTitleStudio.Core.Quality;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Tests.Quality;

public class MajorityRelabelTests
{
    private static LabelledTitle R(string title, params string[] labels) => new(title, labels);

    private static string Normalize(string title) => TitleNormalizer.Shipped.Normalize(title).Normalized;

    [Fact]
    public void On_the_fixture_every_one_of_the_21_inconsistent_titles_has_a_majority_and_90_records_change()
    {
        using var reader = TableReader.OpenFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "inconsistent-titles.csv"));
        var records = reader.ReadRows().Select(r => R(r[0], r[1], r[2])).ToList();
        Assert.Equal(192, records.Count);

        var plan = MajorityRelabel.Plan(InconsistencyReport.Build(records, Normalize));

        Assert.Equal(21, plan.Targets.Count);
        Assert.Empty(plan.TiedTitles);
        Assert.Equal(90, plan.RecordsChanging);
        var brand = plan.Targets.Single(t => t.NormalizedTitle == "brand manager");
        Assert.Equal(["Sales", "Director"], brand.Labels);
        Assert.Equal(9, brand.RecordsChanging);
    }

    [Fact]
    public void A_title_whose_top_combinations_tie_is_skipped_and_named()
    {
        var records = new[]
        {
            R("Buyer", "Operations"), R("Buyer", "Sales"),
            R("Planner", "Operations"), R("Planner", "Operations"), R("Planner", "Sales"),
        };

        var plan = MajorityRelabel.Plan(InconsistencyReport.Build(records, Normalize));

        Assert.Equal(["buyer"], plan.TiedTitles);
        var planner = Assert.Single(plan.Targets);
        Assert.Equal("planner", planner.NormalizedTitle);
        Assert.Equal(["Operations"], planner.Labels);
        Assert.Equal(1, plan.RecordsChanging);
    }
}
