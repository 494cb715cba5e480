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

    private KestrelStudio(StudioAppFactory factory) => _factory = factory;

    public Uri BaseAddress { get; private set; } = null!;

    /// <param name="withTestModel">Serve the small test model, for pages that classify.</param>
    public static KestrelStudio Start(bool withTestModel = false) => Start(new StudioAppFactory(withTestModel: withTestModel));

    /// <summary>
    /// Starts the app on <paramref name="folder"/>'s database, model and live models (a restart when it ran there before),
    /// with the test model in which "Talent acquisition manager" is wrongly Sales on Function.
    /// </summary>
    public static KestrelStudio StartMisled(string folder)
    {
        var factory = new StudioAppFactory(tempDirectory: folder);
        if (!File.Exists(factory.ModelPath))
        {
            TestModels.WriteMisledTo(factory.ModelPath);
        }
        return Start(factory);
    }

    private static KestrelStudio Start(StudioAppFactory factory)
    {
        var studio = new KestrelStudio(factory);
        studio._factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        studio._factory.StartServer();
        var addresses = studio._factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        studio.BaseAddress = new Uri(addresses.Addresses.Single());
        return studio;
    }

    /// <summary>Waits until the live model is loaded, for tests that call the API before opening a page.</summary>
    public async Task WaitForModelAsync()
    {
        var models = _factory.Services.GetRequiredService<JobTitleStudio.Web.Features.Models.ModelHost>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!models.Status.Loaded)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The model did not load: {models.Status.Detail}");
            }
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
