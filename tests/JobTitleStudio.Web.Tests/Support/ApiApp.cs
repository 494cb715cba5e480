using JobTitleStudio.Tests.Shared;

namespace JobTitleStudio.Web.Tests.Support;

/// <summary>The app with no model file (Default's shipped model is not needed) and a client for its API.</summary>
public sealed class ApiApp : IAsyncDisposable
{
    public StudioAppFactory Factory { get; } = new();

    public HttpClient Client { get; }

    public ApiApp() => Client = Factory.CreateClient();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
