using JobTitleStudio.Web.Features.Workspaces;
using JobTitleStudio.Web.Hosting;
using Radzen;

namespace JobTitleStudio.Web.Components;

public static class StudioUi
{
    public static WebApplicationBuilder AddStudioUi(this WebApplicationBuilder builder)
    {
        // Radzen's _content/ files come from the static web assets manifest outside publish output; the host
        // only reads it in Development unless asked, and we want the same behaviour in every environment.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddWorkspaces();
        return builder;
    }

    public static WebApplication MapStudioUi(this WebApplication app)
    {
        app.UseStaticFiles();
        app.UseAntiforgery();
        app.MapBlazorWebJs();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
