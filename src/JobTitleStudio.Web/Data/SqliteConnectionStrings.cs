using Microsoft.Data.Sqlite;

namespace JobTitleStudio.Web.Data;

public static class SqliteConnectionStrings
{
    public const string Name = "Default";

    /// <summary>
    /// Makes a relative Data Source absolute against the content root, so the database lands in the
    /// repository's (or publish folder's) data/ whatever the working directory, and creates its folder.
    /// </summary>
    public static string Resolve(string? connectionString, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{Name} is not set: set it in appsettings.json or the ConnectionStrings__{Name} environment variable.");
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return builder.ToString();
        }

        var path = Path.GetFullPath(builder.DataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        return builder.ToString();
    }
}
