using System.Net;
using JobTitleStudio.Tests.Shared;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace JobTitleStudio.E2E.Support;

/// <summary>The app on a real loopback port (Kestrel, not the in-memory test server), so a browser can reach it.</summary>
public sealed class KestrelStudio : IAsyncDisposable
{
    private readonly StudioAppFactory _factory;

    private KestrelStudio(bool withTestModel) => _factory = new StudioAppFactory(withTestModel: withTestModel);

    public Uri BaseAddress { get; private set; } = null!;

    /// <param name="withTestModel">Serve the small test model, for pages that classify.</param>
    public static KestrelStudio Start(bool withTestModel = false)
    {
        var studio = new KestrelStudio(withTestModel);
        studio._factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        studio._factory.StartServer();
        var addresses = studio._factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        studio.BaseAddress = new Uri(addresses.Addresses.Single());
        return studio;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
