using JobTitleStudio.E2E.Pages;
using JobTitleStudio.E2E.Support;
using Microsoft.Playwright;

namespace JobTitleStudio.E2E;

public sealed class RulesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_rule_added_in_the_page_fires_in_the_tester_and_on_the_Lookup_card()
    {
        await using var app = KestrelStudio.Start(withTestModel: true);
        await app.WaitForModelAsync();
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var rules = new RulesPage(page);
        await rules.OpenAsync(app.BaseAddress);

        await rules.AddRuleAsync("Function", "recruit*", "Finance", 3);

        await Assertions.Expect(rules.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(rules.Rows.First).ToContainTextAsync("recruit*");
        await Assertions.Expect(rules.Changes.First).ToContainTextAsync("Added \"recruit*\" → Finance on Function (priority 3)");

        await rules.TestAsync("Senior Recruiter");

        var function = rules.TestedAxis("Function");
        await Assertions.Expect(function.GetByTestId("tester-category")).ToHaveTextAsync("Finance");
        await Assertions.Expect(function.GetByTestId("tester-reason")).ToHaveTextAsync("\"recruit*\" matched \"Recruiter\": Finance (priority 3)");
        // The model learned recruiters as Human Resources, so the (deliberately wrong) rule is flagged.
        await Assertions.Expect(function.GetByTestId("tester-model")).ToContainTextAsync("Human Resources");
        await Assertions.Expect(function.GetByTestId("tester-model")).ToContainTextAsync("disagrees");

        await new StudioPage(page).GoToAreaAsync("Lookup");
        var lookup = new LookupPage(page);
        await lookup.LookUpAsync("Senior Recruiter");
        await Assertions.Expect(lookup.Card("Function").GetByTestId("axis-rule")).ToContainTextAsync("Rule: \"recruit*\" → Finance (priority 3)");
        await Assertions.Expect(lookup.Card("Function").GetByTestId("rule-disagrees")).ToBeVisibleAsync();
        await context.DisposeAsync();
    }
}
