using System.Collections.Frozen;

namespace JobTitleStudio.Core.Text;

/// <summary>
/// Words that describe the job posting rather than the job: employment terms, requisition numbers,
/// gender markers. Some are always noise ("full-time"); others are also parts of real titles
/// ("Contract Specialist", "Remote Sensing Scientist") and count as noise only when they make up a
/// whole part of the title on their own: "Sales Engineer - Remote", "Nurse (Contract)".
/// </summary>
internal static class TitleNoise
{
    /// <summary>Phrases (as tokens) that are noise wherever they stand.</summary>
    public static readonly string[][] AlwaysNoise =
    [
        ["full", "time"], ["fulltime"], ["part", "time"], ["parttime"], ["per", "diem"], ["temporary"], ["seasonal"],
        ["weekends"], ["nights"], ["temp", "to", "hire"], ["temp", "to", "perm"], ["contract", "to", "hire"],
        ["work", "from", "home"], ["wfh"], ["telecommute"], ["vollzeit"], ["teilzeit"], ["befristet"], ["unbefristet"],
        ["tiempo", "completo"], ["medio", "tiempo"], ["jornada", "completa"], ["sign", "on", "bonus"], ["signing", "bonus"],
    ];

    /// <summary>Words that are noise only when a whole part of the title is made of them.</summary>
    public static readonly FrozenSet<string> NoiseWhenAlone = FrozenSet.ToFrozenSet(
    [
        "contract", "contractor", "remote", "hybrid", "temp", "ft", "pt", "prn", "night", "weekend", "evening", "evenings",
        "onsite", "on", "site", "office", "shift", "day", "days", "permanent", "perm", "freelance", "urgent", "hiring",
        "immediate", "start", "now", "job", "position", "opening", "vacancy", "all", "genders", "gender", "gn",
        "alle", "geschlechter", "and", "or",
    ], StringComparer.Ordinal);

    /// <summary>Units after a pay amount: "$15/hr", "$60,000 a year", "€3.000 pro Monat".</summary>
    public static readonly FrozenSet<string> PayUnits = FrozenSet.ToFrozenSet(
        ["hr", "hrs", "h", "hour", "hourly", "ph", "yr", "year", "annum", "pa", "month", "monat", "week", "day", "k"], StringComparer.Ordinal);

    /// <summary>Words between a pay amount and its unit: "$15 per hour", "$15 an hour".</summary>
    public static readonly FrozenSet<string> PayConnectors = FrozenSet.ToFrozenSet(["per", "an", "a", "pro"], StringComparer.Ordinal);

    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PayConnectorLookup =
        PayConnectors.GetAlternateLookup<ReadOnlySpan<char>>();

    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PayUnitLookup =
        PayUnits.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Letters of gender markers like (m/w/d), (w/m/d), (m/f/d), (h/m), written as runs of single letters.</summary>
    public const string GenderLetters = "mwdfxh";

    /// <summary>Words that introduce a requisition number: "Req #12345", "Job ID: 55", "R-0012".</summary>
    public static readonly FrozenSet<string> IdKeywords = FrozenSet.ToFrozenSet(
        ["req", "requisition", "ref", "reference", "id", "r", "jr", "no", "nr", "number", "posting", "vacancy"], StringComparer.Ordinal);

    /// <summary>Letter prefixes glued to requisition digits: "JR123456", "REQ0042", "R0012".</summary>
    public static readonly string[] IdPrefixes = ["jr", "req", "rq", "r", "job", "id", "ref"];

    public static readonly FrozenDictionary<string, string[][]> AlwaysNoiseByFirstWord =
        AlwaysNoise.GroupBy(p => p[0]).ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Length).ToArray(), StringComparer.Ordinal);

    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IdKeywordLookup =
        IdKeywords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A token that is a requisition number by its own shape.</summary>
    public static bool LooksLikeId(ReadOnlySpan<char> token, bool afterHash)
    {
        var firstDigit = token.IndexOfAnyInRange('0', '9');
        if (firstDigit < 0)
        {
            return false;
        }
        if (afterHash)
        {
            return true;
        }
        var digits = token[firstDigit..];
        if (digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        if (firstDigit == 0)
        {
            return digits.Length >= 5; // no job title carries a five-digit number; "911 Dispatcher" keeps its three.
        }
        var prefix = token[..firstDigit];
        foreach (var known in IdPrefixes)
        {
            if (prefix.SequenceEqual(known))
            {
                return digits.Length >= 3;
            }
        }
        return false;
    }
}
