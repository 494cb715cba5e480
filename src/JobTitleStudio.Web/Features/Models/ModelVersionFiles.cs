using JobTitleStudio.Web.Data;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Models;

/// <summary>Model version files: <c>models/&lt;workspace&gt;/v&lt;N&gt;.jtsm</c> (workspace names are safe folder names, see <see cref="Workspace.NameProblem"/>).</summary>
public sealed class ModelVersionFiles(IOptions<ModelVersionsOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    public string Root { get; } = DataFolders.Resolve(options.Value.Folder, "models", configuration, environment.ContentRootPath);

    public string Path(string workspace, int number) => System.IO.Path.Combine(Root, workspace, $"v{number}.jtsm");
}
