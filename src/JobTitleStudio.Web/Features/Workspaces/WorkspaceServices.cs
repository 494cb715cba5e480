namespace JobTitleStudio.Web.Features.Workspaces;

public static class WorkspaceServices
{
    public static IServiceCollection AddWorkspaces(this IServiceCollection services) =>
        services.AddSingleton<WorkspaceCatalog>().AddScoped<WorkspaceState>();
}
