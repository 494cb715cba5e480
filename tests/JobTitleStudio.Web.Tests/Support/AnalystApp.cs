using System.Net.Http.Json;
using System.Text.Json;
using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Features.Models;
using Microsoft.Extensions.DependencyInjection;

namespace JobTitleStudio.Web.Tests.Support;

/// <summary>
/// The app on a small real model, with its model loaded, and a client for the analyst API. <see cref="Misled"/> starts
/// from the model in which "Talent acquisition manager" is wrongly Sales, so a correction has something to fix.
/// </summary>
public sealed class AnalystApp : IAsyncDisposable
{
    public const string TalentTitle = "Talent acquisition manager";

    private AnalystApp(StudioAppFactory factory)
    {
        Factory = factory;
        Client = factory.CreateClient();
    }

    public StudioAppFactory Factory { get; }

    public HttpClient Client { get; }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public static Task<AnalystApp> StartAsync(string? folder = null) => StartAsync(folder, TestModels.WriteTo);

    public static Task<AnalystApp> StartMisledAsync(string? folder = null) => StartAsync(folder, TestModels.WriteMisledTo);

    private static async Task<AnalystApp> StartAsync(string? folder, Func<string, string> writeModel)
    {
        var factory = new StudioAppFactory(tempDirectory: folder);
        if (!File.Exists(factory.ModelPath))
        {
            writeModel(factory.ModelPath);
        }
        var app = new AnalystApp(factory);
        var models = app.Service<ModelHost>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!models.Status.Loaded)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the model did not load: {models.Status.Detail}");
            await Task.Delay(20);
        }
        return app;
    }

    /// <summary>POST /api/classify for one title: the axes object of its result.</summary>
    public async Task<JsonElement> ClassifyAsync(string title)
    {
        using var response = await Client.PostAsJsonAsync("/api/classify", new { titles = new[] { title } });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("results")[0].GetProperty("axes");
    }

    public async Task<string?> LabelAsync(string title, string axis) =>
        (await ClassifyAsync(title)).GetProperty(axis).GetProperty("label").GetString();

    public Task<HttpResponseMessage> CorrectAsync(string title, string axis, string label) =>
        Client.PostAsJsonAsync("/api/corrections", new { title, axis, label });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
