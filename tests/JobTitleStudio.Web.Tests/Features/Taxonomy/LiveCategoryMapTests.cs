using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Tests.Features.Batches;
using JobTitleStudio.Web.Tests.Features.Datasets;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JobTitleStudio.Web.Tests.Features.Taxonomy;

/// <summary>Right after a taxonomy edit, the live model (trained before it) answers, learns and batches in the new taxonomy.</summary>
public sealed class LiveCategoryMapTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ApiApp _app = new();

    private HttpClient Client => _app.Client;

    public async Task InitializeAsync()
    {
        await DatasetApi.CreateWorkspaceAsync(Client, "Netskope");
        await DatasetApi.ImportAsync(Client, TaxonomyApiTests.LabelledInFourSpellings(), "Netskope", "Title", "Function", "Level");
        await MakeLiveAsync(await TrainAsync());
    }

    private async Task<int> TrainAsync()
    {
        using var started = await Client.PostAsync("/api/models/train?workspace=Netskope", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var number = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        var deadline = DateTime.UtcNow + Patience;
        while ((await Client.GetFromJsonAsync<JsonElement>($"/api/models/{number}?workspace=Netskope")).GetProperty("status").GetString() is "queued" or "training")
        {
            Assert.True(DateTime.UtcNow < deadline, $"v{number} still training after {Patience}");
            await Task.Delay(100);
        }
        return number;
    }

    private async Task MakeLiveAsync(int number)
    {
        using var live = await Client.PostAsync($"/api/models/{number}/live?workspace=Netskope", null);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> FunctionAsync(string title, int top = 10)
    {
        using var response = await Client.PostAsJsonAsync("/api/classify?workspace=Netskope", new { titles = new[] { title }, top });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("results")[0].GetProperty("axes").GetProperty("Function");
    }

    private static Dictionary<string, float> Top(JsonElement axis) =>
        axis.GetProperty("top").EnumerateArray().ToDictionary(t => t.GetProperty("label").GetString()!, t => t.GetProperty("probability").GetSingle());

    private async Task<JsonElement> PostAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = body is null ? await Client.PostAsync(path, null) : await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private Task<JsonElement> CorrectAsync(string title, string label, HttpStatusCode expected = HttpStatusCode.OK) =>
        PostAsync("/api/corrections?workspace=Netskope", new { title, axis = "Function", label }, expected);

    private async Task<IReadOnlyList<string>> FunctionCategoriesAsync()
    {
        var axes = await Client.GetFromJsonAsync<JsonElement>("/api/axes?workspace=Netskope");
        return [.. axes.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Function").GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
    }

    [Fact]
    public async Task After_a_merge_classify_answers_the_merged_name_with_the_summed_probability_and_undo_brings_the_old_names_back()
    {
        var before = Top(await FunctionAsync("Senior Network Manager"));
        Assert.Contains("Network", before.Keys);

        var merge = await PostAsync("/api/taxonomy/Function/merge?workspace=Netskope", new { category = "Network", into = "IT", who = "dana" });
        var after = await FunctionAsync("Senior Network Manager");

        Assert.Equal(before["IT"] + before["Network"], Top(after)["IT"], 4);
        Assert.DoesNotContain("Network", Top(after).Keys);
        Assert.Equal(before.Keys.Count - 1, Top(after).Count);
        Assert.DoesNotContain("Network", await FunctionCategoriesAsync());
        Assert.Contains("through a mapping", merge.GetProperty("note").GetString());

        await PostAsync($"/api/history/L{merge.GetProperty("changeId").GetInt64()}/undo?workspace=Netskope", null);

        var undone = Top(await FunctionAsync("Senior Network Manager"));
        Assert.Equal(before.OrderBy(p => p.Key).Select(p => (p.Key, Math.Round(p.Value, 4))), undone.OrderBy(p => p.Key).Select(p => (p.Key, Math.Round(p.Value, 4))));
        Assert.Contains("Network", await FunctionCategoriesAsync());
    }

    [Fact]
    public async Task A_correction_to_a_renamed_category_is_stored_with_the_new_name_and_learned_and_the_old_name_is_refused()
    {
        await PostAsync("/api/taxonomy/Function/rename?workspace=Netskope", new { category = "Legal", newName = "Risk/Legal" });
        const string title = "Widget Inspector";
        var label = (await FunctionAsync(title)).GetProperty("label").GetString();
        Assert.NotEqual("Risk/Legal", label);

        var corrected = await CorrectAsync(title, "Risk/Legal");
        var refused = await CorrectAsync(title, "Legal", HttpStatusCode.BadRequest);

        Assert.Equal("Risk/Legal", corrected.GetProperty("correction").GetProperty("newLabel").GetString());
        Assert.Equal("Risk/Legal", corrected.GetProperty("prediction").GetProperty("axes").GetProperty("Function").GetProperty("label").GetString());
        Assert.Equal("Risk/Legal", (await FunctionAsync(title)).GetProperty("label").GetString());
        Assert.Contains("Unknown category \"Legal\"", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task After_a_mapping_onto_a_new_name_classify_answers_it_and_a_correction_to_it_is_accepted_and_learned()
    {
        await PostAsync("/api/taxonomy/Function/map?workspace=Netskope", new { rows = new[] { new { from = "Network", to = "Infrastructure" }, new { from = "Security", to = "Infrastructure" } } });
        Assert.Equal("Infrastructure", (await FunctionAsync("Network Engineer")).GetProperty("label").GetString());
        const string title = "Widget Inspector";
        Assert.NotEqual("Infrastructure", (await FunctionAsync(title)).GetProperty("label").GetString());

        var corrected = await CorrectAsync(title, "Infrastructure");

        Assert.Equal("Infrastructure", corrected.GetProperty("correction").GetProperty("newLabel").GetString());
        Assert.Equal("Infrastructure", (await FunctionAsync(title)).GetProperty("label").GetString());
        Assert.Equal(["IT", "Infrastructure", "Legal", "Other"], (await FunctionCategoriesAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_version_trained_after_a_rename_answers_it_itself_and_switching_back_to_the_older_version_maps_it_again()
    {
        var older = (await Client.GetFromJsonAsync<JsonElement>("/api/models?workspace=Netskope")).EnumerateArray().Single().GetProperty("number").GetInt32();
        await PostAsync("/api/taxonomy/Function/rename?workspace=Netskope", new { category = "Network", newName = "Networking" });

        await MakeLiveAsync(await TrainAsync());
        Assert.Equal("Networking", (await FunctionAsync("Network Engineer")).GetProperty("label").GetString());
        await MakeLiveAsync(older);

        Assert.Equal("Networking", (await FunctionAsync("Network Engineer")).GetProperty("label").GetString());
        Assert.DoesNotContain("Network", await FunctionCategoriesAsync());
    }

    [Fact]
    public async Task A_correction_to_a_category_split_off_after_the_live_version_was_trained_is_refused_with_what_to_do()
    {
        await PostAsync("/api/taxonomy/Function/split?workspace=Netskope", new { category = "IT", newName = "Cloud", keywords = new[] { "cloud" } });

        var refused = await CorrectAsync("Cloud Platform Lead", "Cloud", HttpStatusCode.BadRequest);

        Assert.Contains("Train a new version in Models", refused.GetProperty("detail").GetString());
        await using var db = await _app.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Corrections.ToListAsync());
    }

    [Fact]
    public async Task The_prediction_history_takes_the_new_name_with_the_edit_and_its_undo_puts_the_old_one_back_also_on_predictions_made_meanwhile()
    {
        Assert.Equal("Network", (await FunctionAsync("Network Engineer")).GetProperty("label").GetString());
        var rename = await PostAsync("/api/taxonomy/Function/rename?workspace=Netskope", new { category = "Network", newName = "Networking" });

        Assert.Equal(["Networking"], await HistoryLabelsAsync("Network Engineer"));
        Assert.Equal("Networking", (await FunctionAsync("Network Engineer")).GetProperty("label").GetString());
        await PostAsync($"/api/history/L{rename.GetProperty("changeId").GetInt64()}/undo?workspace=Netskope", null);
        // The one recorded before the rename, and the one recorded while it held: no row names the category the undo removed.
        Assert.Equal(["Network", "Network"], await HistoryLabelsAsync("Network Engineer"));
    }

    private async Task<IReadOnlyList<string>> HistoryLabelsAsync(string title)
    {
        await using var db = await _app.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.PredictionRecords.Where(r => r.Title == title && r.Axis == "Function").Select(r => r.Label).ToListAsync();
    }

    [Fact]
    public async Task A_batch_classified_after_a_rename_writes_the_new_name()
    {
        await PostAsync("/api/taxonomy/Function/rename?workspace=Netskope", new { category = "Network", newName = "Networking" });

        using var upload = await BatchApi.UploadAsync(Client, "title\nNetwork Engineer\nSenior Network Manager\n", query: "?workspace=Netskope");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("completed", (await BatchApi.WaitAsync(Client, id, "?workspace=Netskope")).GetProperty("status").GetString());

        using var reader = TableReader.Open(new MemoryStream(await Client.GetByteArrayAsync($"/api/batches/{id}/result?format=csv&workspace=Netskope")));
        var label = reader.Headers.ToList().IndexOf("Function.label");
        var top = reader.Headers.ToList().IndexOf("Function.top");
        var rows = reader.ReadRows().ToList();
        Assert.Equal(["Networking", "Networking"], rows.Select(r => r[label]));
        Assert.DoesNotContain(rows, r => r[top].Split('|').Any(t => t.StartsWith("Network:", StringComparison.Ordinal)));
    }
}
