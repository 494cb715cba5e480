using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Defaults;

/// <summary>The default-taxonomy tables shipped next to the assemblies under models/ (copied by the Core project).</summary>
public static class DefaultModelFiles
{
    public const string FunctionMap = "function-map.tsv";
    public const string LevelRules = "level-rules.csv";
    public const string Functions = "functions.tsv";
    public const string Levels = "levels.tsv";

    /// <summary>The path of a shipped table, under models/ next to the running application.</summary>
    public static string PathOf(string fileName) => ShippedData.PathOf(fileName);
}
