using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Features.Datasets;

public static class DatasetHosting
{
    public static IServiceCollection AddDatasets(this IServiceCollection services)
    {
        services.AddOptionsFromSection<DatasetsOptions>()
            .Validate(o => o.ChunkRows >= 1, "Datasets:ChunkRows must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<DatasetFiles>();
        services.AddSingleton<JobQueue<int>>();
        services.AddSingleton<DatasetProgress>();
        services.AddSingleton<DatasetService>();
        services.AddSingleton<DatasetImporter>();
        services.AddHostedService(provider => provider.GetRequiredService<DatasetImporter>());
        return services;
    }
}
