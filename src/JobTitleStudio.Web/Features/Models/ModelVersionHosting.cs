using JobTitleStudio.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JobTitleStudio.Web.Features.Models;

public static class ModelVersionHosting
{
    public static IServiceCollection AddModelVersions(this IServiceCollection services)
    {
        services.AddOptionsFromSection<ModelVersionsOptions>()
            .Validate(o => o.TestFraction is > 0 and < 1, "ModelVersions:TestFraction must be between 0 and 1.")
            .ValidateOnStart();
        services.TryAddSingleton<ModelVersionFiles>();
        services.AddSingleton<ModelVersionService>();
        services.AddHostedService<ModelTrainer>();
        return services;
    }
}
