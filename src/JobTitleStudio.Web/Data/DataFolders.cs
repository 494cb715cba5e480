using Microsoft.Data.Sqlite;

namespace JobTitleStudio.Web.Data;

public static class DataFolders
{
    /// <summary>
    /// The configured folder (relative to the content root), or when none is configured a folder called
    /// <paramref name="name"/> beside the SQLite database, so one data folder holds everything the app keeps.
    /// </summary>
    public static string Resolve(string? configured, string name, IConfiguration configuration, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }
        var database = new SqliteConnectionStringBuilder(
            SqliteConnectionStrings.Resolve(configuration.GetConnectionString(SqliteConnectionStrings.Name), contentRoot)).DataSource;
        // An in-memory database has no folder: fall back to the content root's data/.
        var folder = Path.IsPathRooted(database) ? Path.GetDirectoryName(database)! : Path.Combine(contentRoot, "data");
        return Path.Combine(folder, name);
    }
}
