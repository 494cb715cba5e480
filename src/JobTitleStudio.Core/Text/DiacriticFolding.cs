using System.Globalization;
using System.Text;

namespace JobTitleStudio.Core.Text;

/// <summary>
/// Folds Latin letters with diacritics to plain ASCII (ä→a, ñ→n, é→e, ß→ss) so that a title typed
/// without them ("Geschaftsfuhrer") still meets the one typed with them. The normalised title keeps
/// the letters as written; folding only adds matching features.
/// </summary>
public static class DiacriticFolding
{
    private const char First = '\u00C0';
    private const char Last = '\u024F';
    private static readonly string?[] Table = BuildTable();

    /// <summary>The longest fold of one character, so callers can size buffers as 2 × length.</summary>
    public const int MaxExpansion = 2;

    /// <summary>True when the word holds a letter that folds to something else.</summary>
    public static bool NeedsFolding(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (c >= First && c <= Last && Table[c - First] is not null)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Writes the folded word into <paramref name="destination"/> (at least 2 × length) and returns its length.</summary>
    public static int Fold(ReadOnlySpan<char> word, Span<char> destination)
    {
        var n = 0;
        foreach (var c in word)
        {
            var folded = c >= First && c <= Last ? Table[c - First] : null;
            if (folded is null)
            {
                destination[n++] = c;
            }
            else
            {
                folded.AsSpan().CopyTo(destination[n..]);
                n += folded.Length;
            }
        }
        return n;
    }

    /// <summary>The folded form of a whole string; for load time and tests.</summary>
    public static string Fold(string word)
    {
        if (!NeedsFolding(word))
        {
            return word;
        }
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length * MaxExpansion] : new char[word.Length * MaxExpansion];
        return new string(buffer[..Fold(word, buffer)]);
    }

    private static string?[] BuildTable()
    {
        var table = new string?[Last - First + 1];
        for (var c = First; c <= Last; c++)
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            var stripped = new StringBuilder();
            foreach (var d in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    stripped.Append(d);
                }
            }
            if (stripped.Length == 1 && stripped[0] < 128 && stripped[0] != c)
            {
                table[c - First] = stripped.ToString();
            }
        }
        // Letters that are not a base letter plus a mark, so decomposition leaves them alone.
        table['ß' - First] = "ss";
        table['æ' - First] = "ae";
        table['Æ' - First] = "AE";
        table['œ' - First] = "oe";
        table['Œ' - First] = "OE";
        table['ø' - First] = "o";
        table['Ø' - First] = "O";
        table['đ' - First] = "d";
        table['ł' - First] = "l";
        table['Ł' - First] = "L";
        return table;
    }
}
