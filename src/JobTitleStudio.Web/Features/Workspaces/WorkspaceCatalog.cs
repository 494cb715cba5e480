using JobTitleStudio.Web.Data;
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
}
