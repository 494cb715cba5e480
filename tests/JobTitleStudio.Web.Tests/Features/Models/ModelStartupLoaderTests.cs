using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Models;

public sealed class ModelStartupLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_missing_model_file_is_not_loaded_and_the_detail_names_the_path_and_the_setting()
    {
        var path = _folder.Combine("default.jtsm");

        var status = await ModelStartupLoader.LoadAsync(path, CancellationToken.None);

        Assert.False(status.Loaded);
        Assert.Null(status.Version);
        Assert.Contains(path, status.Detail);
        Assert.Contains("Models:DefaultModelPath", status.Detail);
    }

    [Fact]
    public async Task An_existing_file_is_not_claimed_as_loaded_while_there_is_no_reader()
    {
        var path = _folder.Combine("default.jtsm");
        await File.WriteAllBytesAsync(path, [1, 2, 3]);

        var status = await ModelStartupLoader.LoadAsync(path, CancellationToken.None);

        Assert.False(status.Loaded);
        Assert.Contains("no model-file reader", status.Detail);
    }

    public void Dispose() => _folder.Dispose();
}
