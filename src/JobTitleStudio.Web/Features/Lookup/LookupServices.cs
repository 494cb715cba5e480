namespace JobTitleStudio.Web.Features.Lookup;

public static class LookupServices
{
    public static IServiceCollection AddLookup(this IServiceCollection services) =>
        services.AddSingleton<PredictionLog>().AddSingleton<LookupService>();
}
