namespace JobTitleStudio.Web.Features.Rules;

public static class RuleServices
{
    public static IServiceCollection AddRules(this IServiceCollection services) =>
        services.AddSingleton<RuleService>().AddSingleton<RuleImporter>().AddSingleton<RuleReportService>();
}
