namespace JobTitleStudio.Web.Features.History;

public static class HistoryServices
{
    public static IServiceCollection AddHistory(this IServiceCollection services) => services.AddSingleton<HistoryService>();
}
