using JobTitleStudio.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JobTitleStudio.Web.Features.Corrections;

public static class CorrectionsServices
{
    public static IServiceCollection AddCorrections(this IServiceCollection services)
    {
        services.AddOptionsFromSection<LiveModelsOptions>();
        services.AddOptionsFromSection<AnalystOptions>();
        services.TryAddSingleton(TimeProvider.System);
        // A workspace's live model is one of its model version files.
        services.TryAddSingleton<Models.ModelVersionFiles>();
        services.AddSingleton<WorkspaceModels>();
        services.AddSingleton<LiveModelStore>();
        services.AddSingleton<LiveModelWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<LiveModelWriter>());
        services.AddSingleton<CorrectionService>();
        return services;
    }
}
