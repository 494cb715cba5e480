using System.Globalization;

namespace JobTitleStudio.Core.Tables;

/// <summary>Decides whether the first record names the columns, from its words and from how it differs from the rows below.</summary>
internal static class HeaderDetector
{
    private static readonly HashSet<string> KnownColumnNames = new(StringComparer.Ordinal)
    {
        "title", "job title", "jobtitle", "job", "position", "role", "designation", "occupation",
        "berufsbezeichnung", "stellenbezeichnung", "beruf", "puesto", "cargo", "titulo", "titre", "poste",
        "name", "first name", "last name", "full name", "email", "e mail", "company", "organisation", "organization",
        "id", "code", "category", "label", "function", "level", "seniority", "department", "industry", "country",
        "keyword", "priority", "axis", "description", "note", "notes", "count", "date", "source",
    };

    public static bool LooksLikeHeader(string[] first, IReadOnlyList<string[]> rest)
    {
        var names = first.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (names.Count == 0 || names.Any(IsNumber) || names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            return false;
        }
        if (names.Any(n => KnownColumnNames.Contains(Fold(n))))
        {
            return true;
        }
        if (rest.Count == 0)
        {
            return false;
        }
        for (var column = 0; column < first.Length; column++)
        {
            var values = rest.Where(r => column < r.Length && r[column].Trim().Length > 0).Select(r => r[column]).ToList();
            if (values.Count > 0 && first[column].Trim().Length > 0 && values.Count(IsNumber) >= values.Count * 0.8)
            {
                return true;
            }
        }
        return names.All(IsIdentifier) && names.Any(n => n.Contains('_', StringComparison.Ordinal));
    }

    /// <summary>Lower case with every run of non-letters and non-digits, and every camelCase hump, as one space: "Job_Title " and "jobTitle" become "job title".</summary>
    internal static string Fold(string text)
    {
        var chars = new List<char>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (char.IsUpper(c) && i > 0 && char.IsLower(text[i - 1]))
                {
                    chars.Add(' ');
                }
                chars.Add(char.ToLowerInvariant(c));
            }
            else if (chars.Count > 0 && chars[^1] != ' ')
            {
                chars.Add(' ');
            }
        }
        return new string([.. chars]).TrimEnd();
    }

    internal static bool IsNumber(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);

    private static bool IsIdentifier(string text) =>
        char.IsAsciiLetter(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
