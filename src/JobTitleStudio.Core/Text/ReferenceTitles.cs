namespace JobTitleStudio.Core.Text;

/// <summary>
/// Job titles from the shipped public reference data (O*NET, ESCO), loaded once per process on
/// first use. They teach the text layer which words are title words, how German and Spanish
/// feminine forms map to their base, and what each language looks like.
/// </summary>
internal static class ReferenceTitles
{
    public const string OnetAlternateTitles = "source/onet-29.3/Alternate Titles.txt";
    public const string OnetOccupations = "source/onet-29.3/Occupation Data.txt";
    public const string OnetAcronyms = "source/abbreviations/onet29.3_acronym_expansions.tsv";
    public const string Gazetteer = "source/ipod-gazetteer/gazetteer.csv";
    public const string Abbreviations = "abbreviations.tsv";

    private static readonly Lazy<string[]> English = new(LoadOnet);
    private static readonly Lazy<EscoLabels> German = new(() => LoadEsco("de"));
    private static readonly Lazy<EscoLabels> Spanish = new(() => LoadEsco("es"));

    /// <summary>O*NET occupation titles, alternate titles and short titles (English).</summary>
    public static IReadOnlyList<string> Onet => English.Value;

    public static EscoLabels EscoGerman => German.Value;

    public static EscoLabels EscoSpanish => Spanish.Value;

    public static string EscoPath(string language) => $"source/esco-1.2.0/occupations_{language}.csv";

    private static string[] LoadOnet()
    {
        var titles = new List<string>(70_000);
        foreach (var row in DelimitedText.ReadTsv(ShippedData.PathOf(OnetOccupations)))
        {
            titles.Add(row["Title"]);
        }
        foreach (var row in DelimitedText.ReadTsv(ShippedData.PathOf(OnetAlternateTitles)))
        {
            titles.Add(row["Alternate Title"]);
            if (row["Short Title"].Length > 0)
            {
                titles.Add(row["Short Title"]);
            }
        }
        return [.. titles];
    }

    private static EscoLabels LoadEsco(string language)
    {
        var preferred = new List<string>(3_100);
        var alternative = new List<string>(20_000);
        foreach (var row in DelimitedText.ReadCsv(ShippedData.PathOf(EscoPath(language))))
        {
            preferred.Add(row["preferredLabel"]);
            foreach (var label in row["altLabels"].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                alternative.Add(label);
            }
        }
        return new EscoLabels([.. preferred], [.. alternative]);
    }
}

/// <summary>ESCO occupation labels of one language; preferred labels come as gendered pairs "masculine/feminine".</summary>
internal sealed record EscoLabels(string[] Preferred, string[] Alternative);
