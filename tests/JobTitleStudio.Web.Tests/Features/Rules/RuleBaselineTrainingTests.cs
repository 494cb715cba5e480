using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Features.Datasets;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Rules;

public sealed class RuleBaselineTrainingTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync() => await DatasetApi.CreateWorkspaceAsync(Client, "Agency");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_trained_version_scores_the_enabled_rules_on_its_held_out_records_next_to_the_model()
    {
        // 4 teams × 10 titles each: every Sales and Marketing title says its team, no People or Finance title has a rule.
        var text = new StringBuilder("Title,Team\n");
        foreach (var (word, team) in new[] { ("Sales", "Sales"), ("Marketing", "Marketing"), ("Recruiting", "People"), ("Payroll", "Finance") })
        {
            foreach (var pattern in new[] { "{0} Manager", "Head of {0}", "{0} Lead", "Senior {0} Specialist", "{0} Assistant", "{0} Director", "{0} Analyst", "Global {0} Partner", "{0} Coordinator", "{0} Intern" })
            {
                text.Append(string.Format(pattern, word)).Append(',').Append(team).Append('\n');
            }
        }
        await DatasetApi.ImportAsync(Client, text.ToString(), "Agency", "Title", "Team");
        foreach (var (keyword, category) in new[] { ("sales", "Sales"), ("marketing", "Marketing") })
        {
            (await Client.PostAsJsonAsync("/api/rules?workspace=Agency", new { axis = "Team", keyword, category, priority = 1 })).EnsureSuccessStatusCode();
        }
        // A disabled rule is not part of the baseline.
        var disabled = await (await Client.PostAsJsonAsync("/api/rules?workspace=Agency", new { axis = "Team", keyword = "payroll", category = "People", priority = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        (await Client.PutAsJsonAsync($"/api/rules/{disabled.GetProperty("id").GetInt64()}?workspace=Agency", new { enabled = false })).EnsureSuccessStatusCode();

        using var started = await Client.PostAsync("/api/models/train?workspace=Agency", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var version = await WaitAsync((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32());

        Assert.Equal("completed", version.GetProperty("status").GetString());
        var metrics = version.GetProperty("metrics");
        var test = metrics.GetProperty("testRecords").GetInt32();
        var rules = metrics.GetProperty("rules").GetProperty("Team");
        Assert.Equal(test, rules.GetProperty("evaluated").GetInt32());
        Assert.Equal(2, rules.GetProperty("rules").GetInt32());
        // The rules are always right when they match, and match exactly the Sales and Marketing titles held out.
        Assert.Equal(1.0, rules.GetProperty("accuracyWhenMatched").GetDouble());
        var covered = rules.GetProperty("covered").GetInt32();
        Assert.Equal(covered, rules.GetProperty("correct").GetInt32());
        Assert.Equal((double)covered / test, rules.GetProperty("accuracy").GetDouble(), 10);
        Assert.Equal(rules.GetProperty("accuracy").GetDouble(), rules.GetProperty("coverage").GetDouble(), 10);
        Assert.True(metrics.GetProperty("axes").TryGetProperty("Team", out _));
    }

    private async Task<JsonElement> WaitAsync(int number)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var version = await Client.GetFromJsonAsync<JsonElement>($"/api/models/{number}?workspace=Agency");
            if (version.GetProperty("status").GetString() is not ("queued" or "training"))
            {
                return version;
            }
            Assert.True(DateTime.UtcNow < deadline, $"v{number} still {version.GetProperty("status")} after {Patience}");
            await Task.Delay(100);
        }
    }
}
