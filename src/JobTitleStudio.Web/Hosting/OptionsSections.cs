using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Hosting;

public static class OptionsSections
{
    /// <summary>The configuration section an options class binds to: its name without the "Options" suffix.</summary>
    public static string SectionName<TOptions>()
    {
        const string suffix = "Options";
        var name = typeof(TOptions).Name;
        return name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] : name;
    }

    public static OptionsBuilder<TOptions> AddOptionsFromSection<TOptions>(this IServiceCollection services)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(SectionName<TOptions>());
}
