namespace JobTitleStudio.Web.Data;

/// <summary>One team's taxonomy, datasets, rules, models and corrections; every screen works within one.</summary>
public sealed class Workspace
{
    public const string DefaultName = "Default";
    public const int MaxNameLength = 100;

    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
