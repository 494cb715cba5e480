namespace JobTitleStudio.Web.Features.Reports;

public static class ReportServices
{
    public static IServiceCollection AddReports(this IServiceCollection services) => services.AddSingleton<InconsistencyService>();
}
