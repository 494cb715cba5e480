using JobTitleStudio.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Batches;

public static class BatchHosting
{
    public static IServiceCollection AddBatches(this IServiceCollection services)
    {
        services.AddOptionsFromSection<BatchesOptions>()
            .Validate(o => o.MaxUploadBytes > 0, "Batches:MaxUploadBytes must be positive.")
            .Validate(o => o.DefaultTopN is >= 1 and <= 1000, "Batches:DefaultTopN must be 1 to 1000.")
            .Validate(o => o.ChunkRows >= 1, "Batches:ChunkRows must be at least 1.")
            .ValidateOnStart();
        // Form reading anywhere in the app (not only our streamed upload) follows the same limit.
        services.AddOptions<FormOptions>().Configure<IOptions<BatchesOptions>>((form, batches) =>
            form.MultipartBodyLengthLimit = batches.Value.MaxUploadBytes + UploadForm.MultipartOverheadBytes);
        services.AddSingleton<BatchFiles>();
        services.AddSingleton<JobQueue<Guid>>();
        services.AddSingleton<BatchMonitor>();
        services.AddSingleton<BatchService>();
        services.AddSingleton<BatchWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<BatchWorker>());
        return services;
    }
}
