using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JobTitleStudio.Web.Data;

/// <summary>Lets `dotnet ef` build the context from the root appsettings.json without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var root = ContentRootLocator.Find(Directory.GetCurrentDirectory());
        var configuration = new ConfigurationBuilder()
            .SetBasePath(root)
            .AddJsonFile(ContentRootLocator.SettingsFileName)
            .AddEnvironmentVariables()
            .Build();
        var connectionString = SqliteConnectionStrings.Resolve(configuration.GetConnectionString(SqliteConnectionStrings.Name), root);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, connectionString);
        return new AppDbContext(options.Options);
    }
}
