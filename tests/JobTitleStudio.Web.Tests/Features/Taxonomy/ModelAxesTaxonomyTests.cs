using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Taxonomy;

/// <summary>The Default workspace has no imported records: its taxonomy is the shipped model's, and edits to it reach the answers.</summary>
public sealed class ModelAxesTaxonomyTests : IAsyncLifetime
{
    private AnalystApp _app = null!;

    public async Task InitializeAsync() => _app = await AnalystApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_taxonomy_of_a_workspace_without_records_lists_the_live_models_axes_and_categories()
    {
        var taxonomy = await _app.Client.GetFromJsonAsync<JsonElement>("/api/taxonomy");

        var axes = taxonomy.GetProperty("axes").EnumerateArray().ToList();
        Assert.Equal(["Function", "Level"], axes.Select(a => a.GetProperty("name").GetString()));
        var functions = axes[0].GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal([.. TestModels.Functions.Append("Other").Order(StringComparer.Ordinal)], functions.Order(StringComparer.Ordinal));
        Assert.All(axes[0].GetProperty("categories").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("records").GetInt64()));
    }

    [Fact]
    public async Task Merging_two_categories_of_the_shipped_model_changes_its_answers_at_once_and_undo_restores_them()
    {
        Assert.Equal("Marketing", await _app.LabelAsync("Brand Manager", "Function"));

        using var merged = await _app.Client.PostAsJsonAsync("/api/taxonomy/Function/merge", new { category = "Marketing", into = "Sales" });

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var change = await merged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(change.GetProperty("applied").GetBoolean());
        Assert.Equal("Sales", await _app.LabelAsync("Brand Manager", "Function"));
        using var undone = await _app.Client.PostAsync($"/api/history/L{change.GetProperty("changeId").GetInt64()}/undo", null);
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal("Marketing", await _app.LabelAsync("Brand Manager", "Function"));
    }
}
