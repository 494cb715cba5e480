using System.Text;
using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Tests.Hosting;

public sealed class BlazorWebJsEndpointTests
{
    [Fact]
    public void The_build_embeds_Blazors_browser_script()
    {
        var script = Encoding.UTF8.GetString(BlazorWebJsEndpoint.ReadEmbeddedScript());

        Assert.True(script.Length > 100_000, $"only {script.Length} characters embedded");
        // Names the interactive-server entry points only the real blazor.web.js has.
        Assert.Contains("Blazor", script);
        Assert.Contains("_blazor", script);
    }
}
