using System.Text.RegularExpressions;

namespace JobTitleStudio.Web.Data;

/// <summary>One team's taxonomy, datasets, rules, models and corrections; every screen works within one.</summary>
public sealed partial class Workspace
{
    public const string DefaultName = "Default";
    public const int MaxNameLength = 100;

    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Why <paramref name="name"/> cannot name a workspace, or null when it can. The name becomes a folder
    /// (data/models/&lt;workspace&gt;) and a query parameter, so it keeps to letters, digits, spaces, '-' and '_'.
    /// </summary>
    public static string? NameProblem(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "A workspace needs a name.";
        }
        if (trimmed.Length > MaxNameLength)
        {
            return $"A workspace name has at most {MaxNameLength} characters; \"{trimmed[..20]}…\" has {trimmed.Length}.";
        }
        return AllowedName().IsMatch(trimmed)
            ? null
            : $"\"{trimmed}\" is not a workspace name: use letters, digits, spaces, '-' and '_', starting with a letter or a digit.";
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{Nd} _-]*$")]
    private static partial Regex AllowedName();
}
