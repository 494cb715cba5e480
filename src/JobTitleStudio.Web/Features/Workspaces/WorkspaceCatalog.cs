using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace JobTitleStudio.Web.Features.Workspaces;

public sealed class WorkspaceCatalog(IDbContextFactory<AppDbContext> databases)
{
    public async Task<IReadOnlyList<WorkspaceSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Workspaces
            .AsNoTracking()
            .OrderBy(w => w.Name)
            .Select(w => new WorkspaceSummary(w.Id, w.Name))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates an empty workspace: no taxonomy, no datasets, no model until a labelled file is imported and trained on.</summary>
    /// <exception cref="StudioProblem">The name is not valid (400) or another workspace has it, ignoring case (409).</exception>
    public async Task<WorkspaceSummary> CreateAsync(string? name, CancellationToken cancellationToken = default)
    {
        if (Workspace.NameProblem(name) is { } problem)
        {
            throw StudioProblem.BadRequest(problem);
        }
        var wanted = name!.Trim();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // SQLite compares with BINARY collation, so the unique index alone would let "agency" sit beside "Agency".
        var existing = await db.Workspaces.AsNoTracking().Select(w => w.Name).ToListAsync(cancellationToken);
        if (existing.FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)) is { } taken)
        {
            throw StudioProblem.Conflict($"There is already a workspace \"{taken}\".");
        }
        var workspace = new Workspace { Name = wanted, CreatedAt = DateTimeOffset.UtcNow };
        db.Workspaces.Add(workspace);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw StudioProblem.Conflict($"There is already a workspace \"{wanted}\".");
        }
        return new WorkspaceSummary(workspace.Id, workspace.Name);
    }
}
