using System.Globalization;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Rules;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.Defaults;

/// <summary>Where each training row of the default model came from, for the build summary.</summary>
public enum DefaultRowSource
{
    OnetOccupation,
    OnetAlternate,
    OnetShort,
    OnetReported,
    Esco,
}

/// <summary>One title of the default training table with its O*NET-SOC code.</summary>
public sealed record DefaultTitle(string Title, string Code, DefaultRowSource Source, string Language, float Weight);

/// <summary>
/// Builds the training table and taxonomy of the shipped model from the reference data under
/// <c>models/source/</c>: Occupation from O*NET titles and ESCO labels (English, German, Spanish)
/// through the ESCO to O*NET crosswalk, Function from the reviewable SOC map in
/// <c>models/function-map.tsv</c>, and Level from the keyword rules in <c>models/level-rules.csv</c>.
/// </summary>
public sealed class DefaultModelBuilder
{
    public const string OccupationAxis = "Occupation";
    public const string FunctionAxis = "Function";

    /// <summary>
    /// ESCO labels reach O*NET codes through a crosswalk whose matches are looser than O*NET's own
    /// titles, so they count for less where both speak.
    /// </summary>
    private const float EscoEnglishWeight = 0.5f;

    private static readonly string[] EscoLanguages = ["en", "de", "es"];

    /// <summary>Every file the default model is built from, relative to models/source.</summary>
    public static IReadOnlyList<string> SourceFiles { get; } =
    [
        "onet-29.3/Occupation Data.txt",
        "onet-29.3/Alternate Titles.txt",
        "onet-29.3/Sample of Reported Titles.txt",
        "esco-onet-crosswalk/esco_to_onet_2019.tsv",
        .. EscoLanguages.Select(l => $"esco-1.2.0/occupations_{l}.csv"),
    ];

    private readonly string _sourceDirectory;
    private readonly FunctionMap _functions;
    private readonly AxisRules _levels;

    /// <param name="sourceDirectory">The folder holding onet-29.3/, esco-1.2.0/ and esco-onet-crosswalk/ (the repository's models/source/).</param>
    public DefaultModelBuilder(string sourceDirectory, FunctionMap? functions = null, AxisRules? levels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceDirectory);
        var missing = SourceFiles.Where(f => !File.Exists(Path.Combine(sourceDirectory, f))).ToList();
        if (missing.Count > 0)
        {
            throw new DirectoryNotFoundException(
                $"'{sourceDirectory}' lacks {string.Join(", ", missing)}; pass the repository's models/source folder.");
        }
        _sourceDirectory = sourceDirectory;
        _functions = functions ?? FunctionMap.LoadDefault();
        _levels = levels ?? DefaultLevels.LoadRules();
    }

    public static bool HasEverySourceFile(string sourceDirectory) =>
        SourceFiles.All(f => File.Exists(Path.Combine(sourceDirectory, f)));

    /// <summary>The O*NET-SOC occupations: code and title, in file order.</summary>
    public IReadOnlyList<(string Code, string Title)> Occupations()
    {
        var list = new List<(string, string)>();
        using var reader = OpenTsv("onet-29.3", "Occupation Data.txt");
        int code = Column(reader, "O*NET-SOC Code"), title = Column(reader, "Title");
        foreach (var row in reader.ReadRows())
        {
            list.Add((row[code].Trim(), row[title].Trim()));
        }
        return list;
    }

    /// <summary>The three default axes: Occupation (codes, displayed by O*NET title), Function and Level.</summary>
    public IReadOnlyList<AxisDefinition> Axes()
    {
        var occupations = Occupations().Select(o => new CategoryDefinition(o.Code, o.Title));
        var functions = CategoryTable.Load(DefaultModelFiles.PathOf(DefaultModelFiles.Functions))
            .Select(c => new CategoryDefinition(c.Name, c.DisplayName));
        var levels = CategoryTable.Load(DefaultModelFiles.PathOf(DefaultModelFiles.Levels))
            .Select(c => new CategoryDefinition(c.Name, c.DisplayName));
        return
        [
            new AxisDefinition(OccupationAxis, occupations),
            new AxisDefinition(FunctionAxis, functions),
            new AxisDefinition(DefaultLevels.Axis, levels, otherCategory: DefaultLevels.Unknown),
        ];
    }

    /// <summary>Every title with its code, deduplicated by (lower-cased title, code).</summary>
    public IReadOnlyList<DefaultTitle> Titles()
    {
        var seen = new HashSet<(string, string)>();
        var titles = new List<DefaultTitle>();
        void Add(string title, string code, DefaultRowSource source, string language, float weight)
        {
            title = title.Trim();
            if (title.Length > 0 && seen.Add((title.ToLowerInvariant(), code)))
            {
                titles.Add(new DefaultTitle(title, code, source, language, weight));
            }
        }

        foreach (var (code, title) in Occupations())
        {
            Add(title, code, DefaultRowSource.OnetOccupation, "en", 1f);
        }
        using (var reader = OpenTsv("onet-29.3", "Alternate Titles.txt"))
        {
            int code = Column(reader, "O*NET-SOC Code"), alternate = Column(reader, "Alternate Title"), shortTitle = Column(reader, "Short Title");
            foreach (var row in reader.ReadRows())
            {
                Add(row[alternate], row[code].Trim(), DefaultRowSource.OnetAlternate, "en", 1f);
                Add(row[shortTitle], row[code].Trim(), DefaultRowSource.OnetShort, "en", 1f);
            }
        }
        using (var reader = OpenTsv("onet-29.3", "Sample of Reported Titles.txt"))
        {
            int code = Column(reader, "O*NET-SOC Code"), reported = Column(reader, "Reported Job Title");
            foreach (var row in reader.ReadRows())
            {
                Add(row[reported], row[code].Trim(), DefaultRowSource.OnetReported, "en", 1f);
            }
        }

        var crosswalk = Crosswalk();
        foreach (var language in EscoLanguages)
        {
            foreach (var (uri, label) in EscoLabels(language))
            {
                if (!crosswalk.TryGetValue(uri, out var codes))
                {
                    continue;
                }
                // A label that maps to several codes spreads one vote over them rather than voting for each in full.
                var weight = (language == "en" ? EscoEnglishWeight : 1f) / codes.Length;
                foreach (var code in codes)
                {
                    Add(label, code, DefaultRowSource.Esco, language, weight);
                }
            }
        }
        return titles;
    }

    /// <summary>The training table: one row per title with its Occupation, Function and Level labels.</summary>
    public IReadOnlyList<TrainingRow> TrainingRows() => [.. Titles().Select(ToTrainingRow)];

    public TrainingRow ToTrainingRow(DefaultTitle title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var function = _functions.FunctionFor(title.Code)
            ?? throw new InvalidOperationException($"models/function-map.tsv has no Function for {title.Code}; add a row that covers it.");
        var labels = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [OccupationAxis] = [title.Code],
            [FunctionAxis] = [function],
            [DefaultLevels.Axis] = [DefaultLevels.Classify(_levels, title.Title)],
        };
        return new TrainingRow(title.Title, labels, title.Weight);
    }

    /// <summary>ESCO occupation URI to its O*NET-SOC 2019 codes.</summary>
    private Dictionary<string, string[]> Crosswalk()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var reader = OpenTsv("esco-onet-crosswalk", "esco_to_onet_2019.tsv");
        int uri = Column(reader, "esco_uri"), codes = Column(reader, "onet_2019_codes");
        foreach (var row in reader.ReadRows())
        {
            var list = row[codes].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (list.Length > 0)
            {
                map[row[uri].Trim()] = list;
            }
        }
        return map;
    }

    private IEnumerable<(string Uri, string Label)> EscoLabels(string language)
    {
        using var reader = TableReader.OpenFile(
            Path.Combine(_sourceDirectory, "esco-1.2.0", $"occupations_{language}.csv"),
            new TableReadOptions { Delimiter = ',', HasHeader = true });
        int uri = Column(reader, "conceptUri"), preferred = Column(reader, "preferredLabel"), alternates = Column(reader, "altLabels");
        foreach (var row in reader.ReadRows())
        {
            var concept = row[uri].Trim();
            yield return (concept, row[preferred]);
            foreach (var label in row[alternates].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return (concept, label);
            }
        }
    }

    private TableReader OpenTsv(string folder, string file) =>
        TableReader.OpenFile(Path.Combine(_sourceDirectory, folder, file), new TableReadOptions { Delimiter = '\t', HasHeader = true });

    private static int Column(TableReader reader, string name)
    {
        var index = reader.ColumnIndex(name);
        return index >= 0
            ? index
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"Column \"{name}\" is missing; the file has: {string.Join(", ", reader.Headers)}."));
    }
}
