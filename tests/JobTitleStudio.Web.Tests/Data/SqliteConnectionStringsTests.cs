using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace JobTitleStudio.Web.Tests.Data;

public sealed class SqliteConnectionStringsTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public void A_relative_data_source_resolves_against_the_content_root_and_its_folder_is_created()
    {
        var resolved = new SqliteConnectionStringBuilder(SqliteConnectionStrings.Resolve("Data Source=data/app.db", _root.Path));

        Assert.Equal(_root.Combine("data", "app.db"), resolved.DataSource);
        Assert.True(Directory.Exists(_root.Combine("data")));
    }

    [Fact]
    public void An_absolute_data_source_is_kept()
    {
        var absolute = _root.Combine("elsewhere", "app.db");

        var resolved = new SqliteConnectionStringBuilder(SqliteConnectionStrings.Resolve($"Data Source={absolute};Cache=Shared", "/unused"));

        Assert.Equal(absolute, resolved.DataSource);
        Assert.Equal(SqliteCacheMode.Shared, resolved.Cache);
    }

    [Fact]
    public void An_in_memory_database_is_left_alone()
    {
        var resolved = new SqliteConnectionStringBuilder(SqliteConnectionStrings.Resolve("Data Source=:memory:", _root.Path));

        Assert.Equal(":memory:", resolved.DataSource);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_missing_connection_string_names_the_setting_to_fix(string? connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SqliteConnectionStrings.Resolve(connectionString, _root.Path));

        Assert.Contains("ConnectionStrings__Default", error.Message);
    }

    public void Dispose() => _root.Dispose();
}
