namespace JobTitleStudio.Core.Taxonomy;

/// <summary>One value on an axis. <see cref="Name"/> is the stable key stored with labels; the display name is for people.</summary>
public sealed record CategoryDefinition(string Name, string? DisplayName = null, string? Parent = null)
{
    /// <summary>What people see: the display name when there is one.</summary>
    public string Label => DisplayName ?? Name;
}
