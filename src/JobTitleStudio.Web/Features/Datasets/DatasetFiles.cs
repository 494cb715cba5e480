using JobTitleStudio.Web.Data;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Datasets;

/// <summary>The datasets folder: one folder per dataset holding the imported file as <c>input.*</c>.</summary>
public sealed class DatasetFiles(IOptions<DatasetsOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    public string Root { get; } = DataFolders.Resolve(options.Value.Folder, "datasets", configuration, environment.ContentRootPath);

    public string Folder(int id) => Path.Combine(Root, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string Input(Dataset dataset) => Path.Combine(Folder(dataset.Id), "input" + dataset.InputExtension);
}
