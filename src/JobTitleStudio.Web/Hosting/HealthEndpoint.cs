using System.Reflection;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Models;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Hosting;

public sealed record DatabaseHealth(bool Reachable, int? Workspaces, string? Detail);

public sealed record HealthReport(string Status, string Version, DatabaseHealth Database, ModelStatus Model)
{
    public const string Ok = "ok";
    public const string Starting = "starting";
    public const string Unhealthy = "unhealthy";

    /// <summary>Ready only with both a reachable database and a live model; a missing model means still starting.</summary>
    public static string StatusOf(DatabaseHealth database, ModelStatus model) =>
        !database.Reachable ? Unhealthy : model.Loaded ? Ok : Starting;
}

public static class HealthEndpoint
{
    public const string Path = "/health";

    private static readonly string AppVersion =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HealthEndpoint).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static RouteHandlerBuilder MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, async (IDbContextFactory<AppDbContext> databases, ModelHost models, CancellationToken cancellationToken) =>
            {
                var database = await CheckDatabaseAsync(databases, cancellationToken);
                var model = models.Status;
                var status = HealthReport.StatusOf(database, model);
                // 503 until ready, so load balancers and scripts can poll the status code alone.
                return TypedResults.Json(new HealthReport(status, AppVersion, database, model),
                    statusCode: status == HealthReport.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .WithName("GetHealth")
            .WithSummary("Readiness: ok when the database answers and the live model is loaded.")
            .Produces<HealthReport>(StatusCodes.Status200OK)
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<DatabaseHealth> CheckDatabaseAsync(IDbContextFactory<AppDbContext> databases, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            // A real query, not CanConnect: SQLite "connects" to any path by creating an empty file.
            var workspaces = await db.Workspaces.CountAsync(cancellationToken);
            return new DatabaseHealth(true, workspaces, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new DatabaseHealth(false, null, exception.Message);
        }
    }
}
