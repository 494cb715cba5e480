using JobTitleStudio.Core.Rules;

namespace JobTitleStudio.Core.Defaults;

/// <summary>
/// The default Level axis: models/level-rules.csv, with the two answers rules cannot give. A title with
/// no seniority word is an individual contributor (Professional); Unknown is kept for titles with no
/// letters at all (empty, digits or punctuation only), which say nothing about a person.
/// </summary>
public static class DefaultLevels
{
    public const string Axis = "Level";
    public const string Professional = "Professional";
    public const string Unknown = "Unknown";

    /// <summary>Loads the shipped level rules from models/level-rules.csv.</summary>
    /// <exception cref="FormatException">The shipped file has rows that are not rules.</exception>
    public static AxisRules LoadRules() => LoadRules(DefaultModelFiles.PathOf(DefaultModelFiles.LevelRules));

    /// <exception cref="FormatException">The file has rows that are not rules; the message lists them.</exception>
    public static AxisRules LoadRules(string path)
    {
        var result = RuleImport.FromCsvFile(path, Axis);
        if (result.Errors.Count > 0)
        {
            throw new FormatException($"{path}: {string.Join(" ", result.Errors.Select(e => e.Message))}");
        }
        return RuleSet.Create(result.Rules).ForAxis(Axis);
    }

    /// <summary>The level of a title: the winning rule's category, else Professional, or Unknown when the title has no letters.</summary>
    public static string Classify(AxisRules rules, string? title)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (string.IsNullOrWhiteSpace(title) || !title.Any(char.IsLetter))
        {
            return Unknown;
        }
        return rules.Classify(title) ?? Professional;
    }
}
