namespace JobTitleStudio.Web.Features.Workspaces;

public sealed record WorkspaceSummary(int Id, string Name);
