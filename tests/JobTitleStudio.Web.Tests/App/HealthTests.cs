using System.Net;
using System.Text.Json;
using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Features.Models;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace JobTitleStudio.Web.Tests.App;

public sealed class HealthTests
{
    [Fact]
    public async Task Without_a_model_file_health_says_starting_with_503_and_explains_why()
    {
        await using var app = new StudioAppFactory();
        using var client = app.CreateClient();
        await WaitForModelLoadAttemptAsync(app);

        using var response = await client.GetAsync("/health");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("starting", root.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("version").GetString()));
        Assert.True(root.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Equal(1, root.GetProperty("database").GetProperty("workspaces").GetInt32());
        var model = root.GetProperty("model");
        Assert.False(model.GetProperty("loaded").GetBoolean());
        Assert.Equal(app.ModelPath, model.GetProperty("path").GetString());
        Assert.Contains("No model file", model.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_turns_ok_once_the_model_file_is_loaded()
    {
        await using var app = new StudioAppFactory(withTestModel: true);
        using var client = app.CreateClient();
        await WaitForModelLoadAttemptAsync(app);

        using var response = await client.GetAsync("/health");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("default@", json.RootElement.GetProperty("model").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Start_up_migrates_the_configured_database_file_and_turns_on_WAL()
    {
        await using var app = new StudioAppFactory();
        using var client = app.CreateClient();

        Assert.True(File.Exists(app.DatabasePath), $"no database at {app.DatabasePath}");
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT Name FROM Workspaces;";
        Assert.Equal("Default", (string?)await command.ExecuteScalarAsync());
    }

    private static async Task WaitForModelLoadAttemptAsync(StudioAppFactory app)
    {
        var models = app.Services.GetRequiredService<ModelHost>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (models.Status.Detail.StartsWith("The model has not been loaded yet", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the start-up loader never reported");
            await Task.Delay(20);
        }
    }
}
