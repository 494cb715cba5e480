using JobTitleStudio.Web.Hosting;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Hosting;

public sealed class ContentRootLocatorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Finds_the_nearest_ancestor_holding_both_appsettings_and_wwwroot()
    {
        File.WriteAllText(_folder.Combine("appsettings.json"), "{}");
        Directory.CreateDirectory(_folder.Combine("wwwroot"));
        var start = Directory.CreateDirectory(_folder.Combine("src", "App", "bin", "Release")).FullName;

        Assert.Equal(_folder.Path, ContentRootLocator.Find(start));
    }

    [Fact]
    public void Skips_a_folder_with_appsettings_but_no_wwwroot()
    {
        File.WriteAllText(_folder.Combine("appsettings.json"), "{}");
        Directory.CreateDirectory(_folder.Combine("wwwroot"));
        var bin = Directory.CreateDirectory(_folder.Combine("bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "appsettings.json"), "{}");

        Assert.Equal(_folder.Path, ContentRootLocator.Find(bin));
    }

    [Fact]
    public void Fails_with_an_explanation_when_no_folder_qualifies()
    {
        var start = Directory.CreateDirectory(_folder.Combine("nothing-here")).FullName;

        var error = Assert.Throws<InvalidOperationException>(() => ContentRootLocator.Find(start));
        Assert.Contains("appsettings.json", error.Message);
        Assert.Contains(start, error.Message);
    }

    [Fact]
    public void The_running_tests_resolve_to_the_repository_root()
    {
        var root = ContentRootLocator.Find();

        Assert.True(File.Exists(Path.Combine(root, "JobTitleStudio.sln")), $"{root} is not the repository root");
        Assert.True(File.Exists(Path.Combine(root, "wwwroot", "css", "app.css")));
    }

    public void Dispose() => _folder.Dispose();
}
