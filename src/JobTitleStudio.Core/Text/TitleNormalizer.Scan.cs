using System.Globalization;
using System.Net;
using System.Text;

namespace JobTitleStudio.Core.Text;

/// <summary>Cleaning and tokenising: from raw text to tokens and parts in the per-thread workspace.</summary>
public sealed partial class TitleNormalizer
{
    /// <summary>HTML and Unicode compatibility forms; allocates only when the title needs it.</summary>
    private static string Clean(string raw)
    {
        var text = raw;
        if (text.Contains('<'))
        {
            text = StripTags(text);
        }
        if (text.Contains('&'))
        {
            text = WebUtility.HtmlDecode(text);
        }
        // Unicode normalisation throws on a lone surrogate (pasted binary); the junk check has already said
        // why such a title is not text, so the rest only has to survive it.
        text = WithoutLoneSurrogates(text);
        if (!text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }
        return text;
    }

    private static string WithoutLoneSurrogates(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    /// <summary>Removes &lt;tag …&gt; but leaves a lone "&lt;" (it is read as a bracket).</summary>
    private static string StripTags(string text)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!'))
            {
                var close = text.IndexOf('>', i + 1);
                if (close > 0)
                {
                    builder.Append(' ');
                    i = close + 1;
                    continue;
                }
            }
            builder.Append(c);
            i++;
        }
        return builder.ToString();
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c)
        || (c > 127 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark);

    /// <summary>Length of a gender-inclusive suffix "in"/"innen" at <paramref name="at"/> that ends a word, else 0.</summary>
    private static int InclusiveSuffixLength(string s, int at)
    {
        static bool EndsWord(string s, int i) => i >= s.Length || !char.IsLetter(s[i]);
        if (at + 1 < s.Length && (s[at] is 'i' or 'I') && s[at + 1] == 'n')
        {
            if (EndsWord(s, at + 2))
            {
                return 2;
            }
            if (at + 4 < s.Length && s.AsSpan(at + 2, 3).SequenceEqual("nen") && EndsWord(s, at + 5))
            {
                return 5;
            }
        }
        return 0;
    }

    /// <summary>
    /// Splits into tokens (letters and digits) and parts (at , / | ; : @ brackets and spaced dashes),
    /// lower-casing as it copies. Returns whether the text has any letter.
    /// </summary>
    private bool Scan(string s, Workspace work)
    {
        var hasLetter = false;
        var pieceLength = 0;
        var afterHash = false;
        var afterCurrency = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (IsWordChar(c))
            {
                if (c == 'I' && work.InToken && pieceLength > 0 && char.IsLower(s[i - 1]) && IsCapitalISuffix(s, i, work))
                {
                    i += InclusiveSuffixLength(s, i) - 1; // "LeiterIn" → "leiter"
                    continue;
                }
                if (!work.InToken)
                {
                    work.StartToken(afterHash, afterCurrency);
                    afterHash = false;
                    afterCurrency = false;
                }
                hasLetter |= char.IsLetter(c);
                work.Append(c);
                pieceLength++;
                continue;
            }

            switch (c)
            {
                case '\'' or '\u2019' or '\u02BC' or '`':
                    if (work.InToken && i + 1 < s.Length && s[i + 1] is 's' or 'S' && (i + 2 >= s.Length || !IsWordChar(s[i + 2])))
                    {
                        i++; // possessive: "Director's Assistant" → "director assistant"
                    }
                    break; // otherwise the apostrophe joins: "O'Neil" → "oneil"
                case '.' or ',' when work.InToken && char.IsAsciiDigit(s[i - 1]) && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]):
                    work.Append(c); // "$15.00", "$1,000" are one amount
                    break;
                case '$' or '\u20AC' or '\u00A3':
                    work.EndToken();
                    pieceLength = 0;
                    afterCurrency = true; // "$15.00/hr" is pay, not title
                    break;
                case '.':
                    // Initialisms keep together ("U.S.", "R.N."); other dots end a word ("Sr.Engineer").
                    if (work.InToken && pieceLength == 1 && i + 1 < s.Length && char.IsLetter(s[i + 1])
                        && (i + 2 >= s.Length || !char.IsLetter(s[i + 2])))
                    {
                        pieceLength = 0;
                    }
                    else
                    {
                        work.EndToken();
                        pieceLength = 0;
                    }
                    break;
                case '&':
                    if (work.InToken && work.CurrentLength <= 3 && ShortLetterRunAt(s, i + 1))
                    {
                        work.Append('&'); // "R&D", "P&L", "AT&T" are words
                        pieceLength = 0;
                    }
                    else
                    {
                        work.EndToken();
                        work.AddWord("and"); // "Sales & Marketing" and "Sales and Marketing" normalise alike
                        pieceLength = 0;
                    }
                    break;
                case ':' or '*' or '_' when work.InToken && InclusiveSuffixLength(s, i + 1) > 0:
                    i += InclusiveSuffixLength(s, i + 1); // "Leiter:in", "Leiter*in", "Leiter_innen"
                    break;
                case '/' when work.InToken && (InclusiveSuffixLength(s, i + 1) > 0 || (i + 1 < s.Length && s[i + 1] == '-' && InclusiveSuffixLength(s, i + 2) > 0)):
                    i += s[i + 1] == '-' ? 1 + InclusiveSuffixLength(s, i + 2) : InclusiveSuffixLength(s, i + 1); // "Leiter/in", "Leiter/-in"
                    break;
                case '-' or '\u2010' or '\u2011':
                    work.EndToken();
                    pieceLength = 0;
                    if (!(i > 0 && IsWordChar(s[i - 1]) && i + 1 < s.Length && IsWordChar(s[i + 1])))
                    {
                        work.NewPart(); // a spaced dash separates parts; "full-time" is one part
                    }
                    break;
                case '#':
                    if (work.InToken)
                    {
                        work.Append('#'); // "C#"
                    }
                    else
                    {
                        afterHash = true; // "#12345" is a requisition number
                    }
                    break;
                case '+' when work.InToken:
                    work.Append('+'); // "C++"
                    break;
                case '(' or '[' or '{' or '<' or ')' or ']' or '}' or '>' or ',' or '/' or '\\' or '|' or ';' or ':' or '@' or '\u2013' or '\u2014' or '\u2022' or '\u00B7':
                    work.EndToken();
                    work.NewPart();
                    pieceLength = 0;
                    break;
                default:
                    work.EndToken();
                    pieceLength = 0;
                    break;
            }
        }
        work.EndToken();
        return hasLetter;
    }

    private static bool ShortLetterRunAt(string s, int start)
    {
        var end = start;
        while (end < s.Length && char.IsLetter(s[end]))
        {
            end++;
        }
        return end > start && end - start <= 3;
    }

    /// <summary>"LeiterIn" is a gender-inclusive form only if "leiterin" is a known feminine form; "LinkedIn" is not.</summary>
    private bool IsCapitalISuffix(string s, int at, Workspace work)
    {
        var suffix = InclusiveSuffixLength(s, at);
        if (suffix == 0)
        {
            return false;
        }
        Span<char> candidate = stackalloc char[work.CurrentLength + 2];
        work.Current.CopyTo(candidate);
        candidate[^2] = 'i';
        candidate[^1] = 'n';
        return _lexicon.FeminineLookup.ContainsKey(candidate);
    }
}
