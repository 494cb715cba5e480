using JobTitleStudio.Tests.Shared;
using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Features.Models;

public sealed class ModelStartupLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_missing_model_file_is_not_loaded_and_the_detail_names_the_path_and_the_setting()
    {
        var path = _folder.Combine("default.jtsm");

        var (status, model) = ModelStartupLoader.Load(path, CancellationToken.None);

        Assert.False(status.Loaded);
        Assert.Null(model);
        Assert.Null(status.Version);
        Assert.Contains(path, status.Detail);
        Assert.Contains("Models:DefaultModelPath", status.Detail);
    }

    [Fact]
    public void A_damaged_file_is_not_loaded_and_the_detail_says_why()
    {
        var path = _folder.Combine("default.jtsm");
        File.WriteAllBytes(path, [1, 2, 3]);

        var (status, model) = ModelStartupLoader.Load(path, CancellationToken.None);

        Assert.False(status.Loaded);
        Assert.Null(model);
        Assert.Contains(path, status.Detail);
    }

    [Fact]
    public void A_model_file_is_loaded_and_answers_with_its_version()
    {
        var path = TestModels.WriteTo(_folder.Combine("team.jtsm"));

        var (status, model) = ModelStartupLoader.Load(path, CancellationToken.None);

        Assert.True(status.Loaded, status.Detail);
        Assert.StartsWith("team@", status.Version);
        Assert.Equal("Sales", model!.Predict("Senior Sales Manager")["Function"].Label);
    }

    public void Dispose() => _folder.Dispose();
}
