namespace JobTitleStudio.Web.Features.Corrections;

/// <summary>
/// Who the browser's corrections are recorded as. The app has no sign-in yet, so this is a setting
/// (<c>Analyst__Name</c>), not an identity: every browser user of one instance shares it.
/// </summary>
public sealed class AnalystOptions
{
    public const string ApiDefault = "api";

    public string Name { get; set; } = "analyst";
}
