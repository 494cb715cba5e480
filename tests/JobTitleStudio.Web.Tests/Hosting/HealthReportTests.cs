using JobTitleStudio.Web.Features.Models;
using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.Web.Tests.Hosting;

public sealed class HealthReportTests
{
    private static readonly DatabaseHealth Reachable = new(true, 1, null);
    private static readonly DatabaseHealth Unreachable = new(false, null, "unable to open database file");
    private static readonly ModelStatus Loaded = ModelStatus.LoadedFrom("/m/default.jtsm", "3");
    private static readonly ModelStatus NotLoaded = ModelStatus.NotLoaded("/m/default.jtsm", "missing");

    [Fact]
    public void Ok_only_with_a_reachable_database_and_a_loaded_model() =>
        Assert.Equal(HealthReport.Ok, HealthReport.StatusOf(Reachable, Loaded));

    [Fact]
    public void Starting_while_the_model_is_not_loaded() =>
        Assert.Equal(HealthReport.Starting, HealthReport.StatusOf(Reachable, NotLoaded));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Unhealthy_whenever_the_database_is_unreachable(bool modelLoaded) =>
        Assert.Equal(HealthReport.Unhealthy, HealthReport.StatusOf(Unreachable, modelLoaded ? Loaded : NotLoaded));
}
