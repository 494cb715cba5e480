using Microsoft.Net.Http.Headers;

namespace JobTitleStudio.Web.Hosting;

/// <summary>
/// Serves Blazor's browser script from the copy that build/BlazorWebJsWorkaround.targets embeds into this
/// assembly. Delete this file together with that targets file once Microsoft.AspNetCore.App.Internal.Assets
/// restores from our NuGet source (the framework then serves the script itself).
/// </summary>
public static class BlazorWebJsEndpoint
{
    public const string Path = "/_framework/blazor.web.js";
    private const string ResourceName = "_framework/blazor.web.js";

    public static IEndpointConventionBuilder MapBlazorWebJs(this IEndpointRouteBuilder endpoints)
    {
        var script = ReadEmbeddedScript();
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(script))[..16]}\"");
        return endpoints.MapGet(Path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(script, "text/javascript", entityTag: etag);
            })
            .ExcludeFromDescription();
    }

    internal static byte[] ReadEmbeddedScript()
    {
        using var stream = typeof(BlazorWebJsEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"Embedded resource '{ResourceName}' is missing: build/BlazorWebJsWorkaround.targets did not run.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
