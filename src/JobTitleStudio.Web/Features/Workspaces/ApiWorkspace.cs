namespace JobTitleStudio.Web.Features.Workspaces;

/// <summary>
/// The <c>?workspace=NAME</c> query parameter every workspace-scoped API takes: absent means Default,
/// an unknown name is a 404 that lists the known ones.
/// </summary>
public static class ApiWorkspace
{
    public const string Parameter = "workspace";

    /// <summary>The named workspace, or a 404 problem naming the workspaces that exist.</summary>
    public static async Task<(WorkspaceSummary? Workspace, IResult? NotFound)> ResolveAsync(WorkspaceCatalog catalog, string? name, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(name) ? Data.Workspace.DefaultName : name.Trim();
        var workspaces = await catalog.ListAsync(cancellationToken);
        var found = workspaces.FirstOrDefault(w => string.Equals(w.Name, wanted, StringComparison.OrdinalIgnoreCase));
        return found is not null
            ? (found, null)
            : (null, TypedResults.Problem(
                detail: $"There is no workspace \"{wanted}\". Known workspaces: {string.Join(", ", workspaces.Select(w => $"\"{w.Name}\""))}.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown workspace"));
    }

    /// <summary>Runs <paramref name="action"/> in the named workspace, or answers the 404 when there is no such workspace.</summary>
    public static async Task<IResult> InWorkspaceAsync(WorkspaceCatalog catalog, string? workspace, CancellationToken cancellationToken, Func<WorkspaceSummary, Task<IResult>> action)
    {
        var (found, notFound) = await ResolveAsync(catalog, workspace, cancellationToken);
        return found is null ? notFound! : await action(found);
    }
}
