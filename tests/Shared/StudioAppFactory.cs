using JobTitleStudio.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace JobTitleStudio.Tests.Shared;

/// <summary>
/// The real app (Program) on the repository's appsettings.json and wwwroot/, with its own SQLite file and
/// model path in a fresh temporary folder, so tests never share or touch the developer's data/.
/// </summary>
/// <param name="withTestModel">Start with <see cref="TestModels"/>' small real model at <see cref="ModelPath"/> (unless a model file is there already).</param>
/// <param name="tempDirectory">
/// Reuse this folder (database, models, live models) instead of a fresh one, to restart the app on the same data;
/// the caller then owns it and deletes it.
/// </param>
public sealed class StudioAppFactory(string environment = "Development", string? modelPath = null, bool withTestModel = false, string? tempDirectory = null) : WebApplicationFactory<Program>
{
    public string TempDirectory { get; } = tempDirectory ?? Directory.CreateTempSubdirectory("jts-web-test-").FullName;

    public string DatabasePath => Path.Combine(TempDirectory, "data", "app.db");

    public string ModelPath => modelPath ?? Path.Combine(TempDirectory, "models", "default.jtsm");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The test host would otherwise pick the project folder, which has no appsettings.json or wwwroot/.
        builder.UseContentRoot(ContentRootLocator.Find());
        builder.UseEnvironment(environment);
        if (withTestModel && !File.Exists(ModelPath))
        {
            TestModels.WriteTo(ModelPath);
        }
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={DatabasePath}",
            ["Models:DefaultModelPath"] = ModelPath,
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Pooled connections keep the file open; clear them so the folder can go.
            SqliteConnection.ClearAllPools();
            if (tempDirectory is null)
            {
                Directory.Delete(TempDirectory, recursive: true);
            }
        }
    }
}
