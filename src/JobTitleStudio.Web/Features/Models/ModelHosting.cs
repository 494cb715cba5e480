using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Features.Models;

public static class ModelHosting
{
    public static IServiceCollection AddModelHosting(this IServiceCollection services)
    {
        services.AddOptionsFromSection<ModelsOptions>();
        services.AddSingleton<ModelHost>();
        services.AddHostedService<ModelStartupLoader>();
        return services;
    }
}
