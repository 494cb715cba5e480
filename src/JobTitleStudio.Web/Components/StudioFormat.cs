using System.Globalization;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Web.Components;

/// <summary>How numbers and categories read on every screen.</summary>
public static class StudioFormat
{
    public static string Percent(float probability) => string.Create(CultureInfo.InvariantCulture, $"{probability * 100:0}%");

    /// <summary>The category's display name on the axis, or the name as given when the axis does not have it.</summary>
    public static string DisplayName(AxisDefinition axis, string category) =>
        axis.TryIndexOf(category, out var index) ? axis.Categories[index].Label : category;
}
