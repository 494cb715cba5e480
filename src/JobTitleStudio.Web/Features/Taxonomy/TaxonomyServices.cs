using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JobTitleStudio.Web.Features.Taxonomy;

public static class TaxonomyServices
{
    public static IServiceCollection AddTaxonomy(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiveCategoryMaps>();
        return services.AddSingleton<TaxonomyService>();
    }
}
