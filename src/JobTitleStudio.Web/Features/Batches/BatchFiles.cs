using JobTitleStudio.Web.Data;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Batches;

/// <summary>The batches folder: <c>uploads/</c> for files not yet started, and one folder per job holding <c>input.*</c> and <c>result.csv</c>.</summary>
public sealed class BatchFiles
{
    public static readonly string[] AcceptedExtensions = [".csv", ".tsv", ".txt", ".xlsx"];

    public BatchFiles(IOptions<BatchesOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        Root = DataFolders.Resolve(options.Value.Folder, "batches", configuration, environment.ContentRootPath);
    }

    public string Root { get; }

    public string Uploads => Path.Combine(Root, "uploads");

    public string JobFolder(Guid id) => Path.Combine(Root, id.ToString("N"));

    public string Input(BatchJob job) => Path.Combine(JobFolder(job.Id), "input" + job.InputExtension);

    public string Result(Guid id) => Path.Combine(JobFolder(id), "result.csv");

    /// <summary>The result while it is being written; renamed to <see cref="Result"/> only when complete, so a download never gets half a file.</summary>
    public string PartialResult(Guid id) => Path.Combine(JobFolder(id), "result.partial.csv");

    /// <summary>A new, unique staging path for an upload with this name's extension.</summary>
    public string NewUpload(string extension)
    {
        Directory.CreateDirectory(Uploads);
        return Path.Combine(Uploads, Guid.NewGuid().ToString("N") + extension);
    }

    /// <summary>The extension a file is stored under: one of <see cref="AcceptedExtensions"/>, or null when the name has another.</summary>
    public static string? ExtensionOf(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return AcceptedExtensions.Contains(extension) ? extension : null;
    }
}
