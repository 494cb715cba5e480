using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JobTitleStudio.Web.Tests.Support;
using JobTitleStudio.Web.Tests.Features.Datasets;

namespace JobTitleStudio.Web.Tests.Features.Models;

public sealed class ModelVersionApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await DatasetApi.CreateWorkspaceAsync(Client, "Agency");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Two axes, 5 functions × 4 levels × 3 spellings: 60 distinct titles, so a fifth of them can be held out.</summary>
    private static string Labelled()
    {
        var text = new StringBuilder("Title,Department,Grade\n");
        var functions = new[] { ("Sales", "Sales"), ("Marketing", "Marketing"), ("Software", "Engineering"), ("Recruiting", "People"), ("Finance", "Finance") };
        var levels = new[] { ("Head of {0}", "Head"), ("{0} Manager", "Manager"), ("Senior {0} Specialist", "Senior"), ("Junior {0} Assistant", "Junior") };
        var spellings = new[] { "{0}", "{0} II", "Global {0}" };
        foreach (var (word, function) in functions)
        {
            foreach (var (pattern, level) in levels)
            {
                foreach (var spelling in spellings)
                {
                    text.Append(string.Format(spelling, string.Format(pattern, word))).Append(',').Append(function).Append(',').Append(level).Append('\n');
                }
            }
        }
        return text.ToString();
    }

    private async Task<JsonElement> TrainAsync()
    {
        using var started = await Client.PostAsync("/api/models/train?workspace=Agency", null);
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"train answered {(int)started.StatusCode}: {body}");
        var number = JsonDocument.Parse(body).RootElement.GetProperty("number").GetInt32();
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

    [Fact]
    public async Task Training_keeps_a_version_with_metrics_measured_on_held_out_titles()
    {
        await DatasetApi.ImportAsync(Client, Labelled(), "Agency", "Title", "Department", "Grade");

        var version = await TrainAsync();

        Assert.Equal("completed", version.GetProperty("status").GetString());
        Assert.Equal("v1", version.GetProperty("name").GetString());
        Assert.False(version.GetProperty("isLive").GetBoolean());
        var metrics = version.GetProperty("metrics");
        Assert.Equal(60, metrics.GetProperty("records").GetInt32());
        var test = metrics.GetProperty("testRecords").GetInt32();
        Assert.InRange(test, 1, 59);
        Assert.Equal(60 - test, metrics.GetProperty("trainRecords").GetInt32());
        Assert.StartsWith($"Measured on {test} test records of dataset labelled.csv", metrics.GetProperty("measuredOn").GetString());
        var department = metrics.GetProperty("axes").GetProperty("Department");
        Assert.Equal(test, department.GetProperty("evaluated").GetInt32());
        Assert.InRange(department.GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.InRange(department.GetProperty("top5").GetDouble(), department.GetProperty("top1").GetDouble(), 1);
        Assert.NotEmpty(department.GetProperty("perCategory").EnumerateArray());
        Assert.True(metrics.GetProperty("trainingSeconds").GetDouble() > 0);
        Assert.True(File.Exists(Path.Combine(_app.Factory.TempDirectory, "data", "models", "Agency", "v1.jtsm")));
    }

    [Fact]
    public async Task Making_a_version_live_makes_classify_in_that_workspace_answer_with_its_categories()
    {
        await DatasetApi.ImportAsync(Client, Labelled(), "Agency", "Title", "Department", "Grade");
        await TrainAsync();

        using var live = await Client.PostAsync("/api/models/1/live?workspace=Agency", null);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True((await live.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isLive").GetBoolean());
        using var classified = await Client.PostAsJsonAsync("/api/classify?workspace=Agency", new { titles = new[] { "Recruiting Manager" } });
        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        var axes = (await classified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("axes");
        Assert.Equal(["Department", "Grade"], axes.EnumerateObject().Select(a => a.Name));
        Assert.Contains(axes.GetProperty("Department").GetProperty("label").GetString(), new[] { "Sales", "Marketing", "Engineering", "People", "Finance", "Other" });
    }

    [Fact]
    public async Task A_batch_in_a_workspace_is_classified_with_its_live_version()
    {
        await DatasetApi.ImportAsync(Client, Labelled(), "Agency", "Title", "Department", "Grade");
        await TrainAsync();
        (await Client.PostAsync("/api/models/1/live?workspace=Agency", null)).EnsureSuccessStatusCode();

        using var started = await Batches.BatchApi.UploadAsync(Client, "title\nFinance Manager\n", query: "?workspace=Agency");
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var deadline = DateTime.UtcNow + Patience;
        JsonElement job;
        while ((job = await Client.GetFromJsonAsync<JsonElement>($"/api/batches/{id}?workspace=Agency")).GetProperty("status").GetString() is "queued" or "running")
        {
            Assert.True(DateTime.UtcNow < deadline, "the batch did not finish");
            await Task.Delay(50);
        }

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("Agency v1", job.GetProperty("model").GetString());
        var result = await Client.GetStringAsync($"/api/batches/{id}/result?workspace=Agency");
        Assert.StartsWith("title,Department.label,", result);
    }

    [Fact]
    public async Task A_version_made_live_in_Default_replaces_the_configured_model_and_stays_live_after_a_restart()
    {
        using var folder = new Support.TempFolder();
        await using (var first = await Support.AnalystApp.StartAsync(folder.Path))
        {
            await DatasetApi.ImportAsync(first.Client, Labelled(), "Default", "Title", "Department", "Grade");
            (await first.Client.PostAsync("/api/models/train", null)).EnsureSuccessStatusCode();
            var deadline = DateTime.UtcNow + Patience;
            while ((await first.Client.GetFromJsonAsync<JsonElement>("/api/models/1")).GetProperty("status").GetString() is "queued" or "training")
            {
                Assert.True(DateTime.UtcNow < deadline, "v1 did not finish training");
                await Task.Delay(100);
            }
            (await first.Client.PostAsync("/api/models/1/live", null)).EnsureSuccessStatusCode();
            Assert.Equal(["Department", "Grade"], await AxesAsync(first.Client));
        }

        await using var restarted = await Support.AnalystApp.StartAsync(folder.Path);

        Assert.Equal(["Department", "Grade"], await AxesAsync(restarted.Client));
    }

    private static async Task<IEnumerable<string>> AxesAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/classify", new { titles = new[] { "Finance Manager" } });
        var axes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("axes");
        return [.. axes.EnumerateObject().Select(a => a.Name)];
    }

    [Fact]
    public async Task Training_a_workspace_without_records_is_refused_with_what_to_do()
    {
        using var response = await Client.PostAsync("/api/models/train?workspace=Agency", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("import a labelled file", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
