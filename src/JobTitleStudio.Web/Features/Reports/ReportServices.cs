using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Features.Reports;

public static class ReportServices
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptionsFromSection<ReportsOptions>()
            .Validate(o => o.LabelErrorFolds is >= 2 and <= 20, "Reports:LabelErrorFolds must be between 2 and 20.")
            .Validate(o => o.LabelErrorsPerAxis >= 1, "Reports:LabelErrorsPerAxis must be at least 1.")
            .Validate(o => o.RareBelow >= 1, "Reports:RareBelow must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<InconsistencyService>();
        services.AddSingleton<LabelErrorService>();
        services.AddSingleton<TitleScreeningService>();
        services.AddSingleton<CoverageService>();
        services.AddHostedService<LabelErrorRunner>();
        return services;
    }
}
