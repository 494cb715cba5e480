using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Tests.Hosting;

public sealed class OptionsSectionsTests
{
    [Fact]
    public void Section_name_is_the_class_name_without_the_Options_suffix() =>
        Assert.Equal("Models", OptionsSections.SectionName<ModelsOptions>());

    [Fact]
    public void Options_bind_from_their_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Models:DefaultModelPath"] = "elsewhere/live.jtsm" })
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddOptionsFromSection<ModelsOptions>().Services
            .BuildServiceProvider();

        Assert.Equal("elsewhere/live.jtsm", services.GetRequiredService<IOptions<ModelsOptions>>().Value.DefaultModelPath);
    }
}
