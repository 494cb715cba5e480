using Bunit;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Features.History;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Features.Rules;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Radzen.Blazor.Rendering;

namespace JobTitleStudio.Web.Tests.Features.Rules;

/// <summary>The Rules page on the Default workspace of the small test model (axes Function and Level).</summary>
public sealed class RulesPageTests : StudioComponentTest, IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        var models = new ModelHost(Options.Create(new ModelsOptions { DefaultModelPath = _folder.Combine("test.jtsm") }), new HostingEnvironment { ContentRootPath = _folder.Path });
        models.Publish(ModelStatus.LoadedFrom(models.ModelPath!, "test@1"), ModelFile.Load(TestModels.WriteTo(models.ModelPath!)));
        Services.AddSingleton(models);
        AddAnalystServices(_database);
        JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
        _folder.Dispose();
    }

    private async Task AddRuleAsync(IRenderedComponent<RulesPage> page, string axis, string keyword, string category, int priority)
    {
        await FireAsync(page.Find("[data-testid=rule-axis]"), "change", new ChangeEventArgs { Value = axis });
        await TypeAsync(page.Find("[data-testid=rule-keyword]"), keyword);
        await FireAsync(page.Find("[data-testid=rule-category]"), "change", new ChangeEventArgs { Value = category });
        await FireAsync(page.Find("[data-testid=rule-priority]"), "change", new ChangeEventArgs { Value = priority.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await FireAsync(page.Find("[data-testid=rule-form] form"), "submit", EventArgs.Empty);
    }

    private async Task TestTitleAsync(IRenderedComponent<RulesPage> page, string title)
    {
        await TypeAsync(page.Find("[data-testid=tester-title]"), title);
        await FireAsync(page.Find("[data-testid=rule-tester] form"), "submit", EventArgs.Empty);
    }

    [Fact]
    public async Task An_empty_rule_list_says_what_to_do_and_an_added_rule_fires_in_the_tester_beside_the_model()
    {
        var page = Render<RulesPage>();
        page.WaitForAssertion(() => Assert.Contains("No rules yet", page.Find("[role=status] h2").TextContent));
        Assert.Equal(["Function", "Level"], page.FindAll("[data-testid=rule-axis] option").Select(o => o.TextContent));

        await AddRuleAsync(page, "Level", "chief tech*", "Director", 2);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rule-row]")));
        Assert.Contains("chief tech*", page.Find("[data-testid=rule-row]").TextContent);
        Assert.Contains("Added \"chief tech*\" → Director on Level (priority 2)", page.Find("[data-testid=rule-change]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=rule-form] input[data-testid=rule-keyword][value='chief tech*']"));

        await TestTitleAsync(page, "Chief Technology Officer");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=tester-result]")));
        var level = page.Find("[data-testid=tester-result] tr[data-axis=Level]");
        Assert.Equal("Director", level.QuerySelector("[data-testid=tester-category]")!.TextContent.Trim());
        Assert.Equal("\"chief tech*\" matched \"Chief Technology\": Director (priority 2)", level.QuerySelector("[data-testid=tester-reason]")!.TextContent.Trim());
        Assert.Matches(@"^\S.* \(\d+%\)", level.QuerySelector("[data-testid=tester-model]")!.TextContent.Trim());
        Assert.Equal("no rule matched", page.Find("[data-testid=tester-result] tr[data-axis=Function] [data-testid=tester-category]").TextContent.Trim());
    }

    [Fact]
    public async Task An_added_rule_is_in_history_and_its_undo_there_removes_it()
    {
        var page = Render<RulesPage>();
        page.WaitForAssertion(() => Assert.Contains("No rules yet", page.Find("[role=status] h2").TextContent));
        await AddRuleAsync(page, "Level", "chief tech*", "Director", 2);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rule-row]")));

        var history = Render<HistoryPage>();
        history.WaitForAssertion(() => Assert.Contains("Added \"chief tech*\" → Director on Level (priority 2)", history.Find("[data-testid=history-description]").TextContent));
        await FireAsync(history.Find("button[aria-label=\"Undo R1\"]"), "click", new MouseEventArgs());
        history.WaitForAssertion(() => Assert.Contains("Undid: Added \"chief tech*\"", history.Find("[data-testid=history-message]").TextContent));

        var again = Render<RulesPage>();
        again.WaitForAssertion(() => Assert.Contains("No rules yet", again.Find("[role=status] h2").TextContent));
    }

    [Fact]
    public async Task A_rule_that_cannot_match_shows_why_and_is_not_added()
    {
        var page = Render<RulesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=rule-form]")));

        await AddRuleAsync(page, "Function", "*", "Sales", 1);

        page.WaitForAssertion(() => Assert.Contains("The keyword cannot match a title", page.Find("[data-testid=rules-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=rule-row]"));
    }

    [Fact]
    public async Task Disabling_a_rule_stops_it_firing_and_undo_in_the_change_log_brings_it_back()
    {
        var page = Render<RulesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=rule-form]")));
        await AddRuleAsync(page, "Function", "recruit*", "Human Resources", 3);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rule-row]")));
        await TestTitleAsync(page, "Recruiter");
        page.WaitForAssertion(() => Assert.Equal("Human Resources", page.Find("tr[data-axis=Function] [data-testid=tester-category]").TextContent.Trim()));

        await FireAsync(page.Find("[data-testid=rule-enabled]"), "change", new ChangeEventArgs { Value = false });

        page.WaitForAssertion(() => Assert.Equal("no rule matched", page.Find("tr[data-axis=Function] [data-testid=tester-category]").TextContent.Trim()));
        Assert.Contains("Disabled \"recruit*\"", page.FindAll("[data-testid=rule-change]")[0].TextContent);

        await FireAsync(page.FindAll("[data-testid=rule-undo]")[0], "click", new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal("Human Resources", page.Find("tr[data-axis=Function] [data-testid=tester-category]").TextContent.Trim()));
        Assert.Contains("Undid: Disabled", page.FindAll("[data-testid=rule-change]")[0].TextContent);
        Assert.Contains("(undone by change", page.FindAll("[data-testid=rule-change]")[1].TextContent);
    }

    [Fact]
    public async Task The_reports_list_conflicting_rules_and_suggestions_from_the_records_and_say_when_a_rule_change_made_them_stale()
    {
        await using (var db = _database.CreateDbContext())
        {
            var workspace = db.Workspaces.Single(w => w.Name == JobTitleStudio.Web.Data.Workspace.DefaultName);
            var axis = new JobTitleStudio.Web.Data.TaxonomyAxis { WorkspaceId = workspace.Id, Name = "Function" };
            var dataset = new JobTitleStudio.Web.Data.Dataset
            {
                WorkspaceId = workspace.Id, FileName = "labelled.csv", InputExtension = ".csv", TitleColumnName = "Title",
                LabelColumnsJson = "[]", ImportedBy = "analyst", Status = JobTitleStudio.Web.Data.DatasetStatus.Completed,
            };
            db.AddRange(axis, dataset);
            await db.SaveChangesAsync();
            var row = 1;
            foreach (var (title, label) in new[] { ("Sales and Marketing Lead", "Marketing"), ("Payroll Clerk", "Finance"), ("Payroll Analyst", "Finance"), ("Recruiter", "Human Resources") })
            {
                db.Records.Add(new JobTitleStudio.Web.Data.DatasetRecord
                {
                    DatasetId = dataset.Id, WorkspaceId = workspace.Id, RowNumber = ++row, Title = title, NormalizedTitle = title.ToLowerInvariant(),
                    Labels = [new JobTitleStudio.Web.Data.RecordLabel { AxisId = axis.Id, Label = label, Source = JobTitleStudio.Web.Data.LabelSource.Imported }],
                });
            }
            await db.SaveChangesAsync();
        }
        var rules = Services.GetRequiredService<RuleService>();
        var live = await rules.WorkspaceAsync("Default");
        await rules.CreateAsync(live, new RuleInput("Function", "sales", "Sales", 1), "tester");
        await rules.CreateAsync(live, new RuleInput("Function", "marketing", "Marketing", 2), "tester");

        var page = Render<RulesPage>();

        page.WaitForAssertion(() => Assert.Contains("Over 4 distinct titles of 4 records", page.Find("[data-testid=rule-reports-summary]").TextContent));
        Assert.Contains("Sales and Marketing Lead", page.Find("[data-testid=rule-conflicts]").TextContent);
        Assert.Contains("\"sales\" → Sales (1) · \"marketing\" → Marketing (2)", page.Find("[data-testid=rule-conflicts]").TextContent);
        Assert.Contains("payroll", page.Find("[data-testid=rule-suggestions]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=rule-reports-stale]"));

        await AddRuleAsync(page, "Function", "payroll", "Finance", 3);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=rule-reports-stale]")));
    }

    [Fact]
    public async Task Editing_a_rule_loads_it_into_the_form_and_saves_the_change_in_place()
    {
        var page = Render<RulesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=rule-form]")));
        await AddRuleAsync(page, "Function", "recruit*", "Human Resources", 3);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rule-row]")));

        await FireAsync(page.Find("[data-testid=rule-row] button[aria-label='Edit recruit*']"), "click", new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("Edit rule", page.Find("[data-testid=rule-form] h2").TextContent));
        Assert.Equal("recruit*", page.Find("[data-testid=rule-keyword]").GetAttribute("value"));
        await FireAsync(page.Find("[data-testid=rule-priority]"), "change", new ChangeEventArgs { Value = "1" });
        await FireAsync(page.Find("[data-testid=rule-form] form"), "submit", EventArgs.Empty);

        page.WaitForAssertion(() => Assert.Contains("Changed \"recruit*\" → Human Resources on Function (priority 3) to \"recruit*\" → Human Resources on Function (priority 1)",
            page.FindAll("[data-testid=rule-change]")[0].TextContent));
        Assert.Single(page.FindAll("[data-testid=rule-row]"));
        Assert.Contains("Add a rule", page.Find("[data-testid=rule-form] h2").TextContent);
    }

    [Fact]
    public async Task An_imported_file_is_previewed_with_its_problems_and_stored_only_on_confirmation()
    {
        var page = Render<RulesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=rule-import]")));

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromText("keyword,category,priority\nrecruit*,Human Resources,3\naudit*,Finance,4\nbrand,Marketing,high\n", "rules.csv"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=rule-import-preview]").HasAttribute("disabled")));
        await FireAsync(page.Find("[data-testid=rule-import-preview]"), "click", new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains("rules.csv → Function: 2 new · 0 duplicates of rules the workspace has · 1 invalid", page.Find("[data-testid=rule-import-result]").TextContent));
        Assert.Contains("Row 4, column \"priority\": the priority \"high\" is not a whole number", page.Find("[data-testid=rule-import-result]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=rule-row]"));

        await FireAsync(page.Find("[data-testid=rule-import-apply]"), "click", new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=rule-row]").Count));
        Assert.Contains("imported 2 new rules", page.Find("[data-testid=rule-import-result]").TextContent);
        Assert.Contains("Imported 2 rules from rules.csv (0 duplicates and 1 invalid left out)", page.FindAll("[data-testid=rule-change]")[0].TextContent);
    }
}
