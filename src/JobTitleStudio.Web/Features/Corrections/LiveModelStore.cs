using System.Text.Json;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Corrections;

/// <summary>What a saved live model holds: the corrections up to <see cref="LastCorrectionId"/>, on top of the model <see cref="BaseVersion"/>.</summary>
public sealed record LiveModelState(long LastCorrectionId, string BaseVersion, DateTimeOffset SavedAt);

/// <summary>
/// The corrected model of each workspace on disk: <c>&lt;workspace&gt;.live.jtsm</c> and a JSON sidecar naming the last
/// correction it holds, so start-up replays only newer corrections from the database.
/// </summary>
public sealed class LiveModelStore(IOptions<LiveModelsOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Folder { get; } = ResolveFolder(options.Value.Folder, configuration, environment.ContentRootPath);

    public string ModelPath(string workspace) => Path.Combine(Folder, $"{workspace}.live.jtsm");

    public string StatePath(string workspace) => Path.Combine(Folder, $"{workspace}.live.json");

    /// <summary>The sidecar of the workspace's live model, or null when there is none (or it is unreadable: then the base model and a full replay are used).</summary>
    public LiveModelState? ReadState(string workspace)
    {
        var path = StatePath(workspace);
        if (!File.Exists(path) || !File.Exists(ModelPath(workspace)))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<LiveModelState>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the model, then the sidecar, each atomically. A crash between the two leaves an older sidecar, which
    /// only makes start-up replay a few corrections the file already holds; the newest answer still wins.
    /// </summary>
    public void Save(string workspace, TitleClassifier model, LiveModelState state)
    {
        Directory.CreateDirectory(Folder);
        ModelFile.Save(model, ModelPath(workspace));
        var path = StatePath(workspace);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, Json));
        File.Move(temporary, path, overwrite: true);
    }

    private static string ResolveFolder(string configured, IConfiguration configuration, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }
        var connection = new SqliteConnectionStringBuilder(
            SqliteConnectionStrings.Resolve(configuration.GetConnectionString(SqliteConnectionStrings.Name), contentRoot));
        var database = connection.DataSource;
        return database is "" or ":memory:"
            ? Path.Combine(contentRoot, "data", "models")
            : Path.Combine(Path.GetDirectoryName(database)!, "models");
    }
}
