namespace JobTitleStudio.Core.Rules;

/// <summary>
/// Splits a title into lower-case words without allocating: letters and digits make words, everything
/// else separates them, accents are dropped (é → e, ß → ss) so "Dirección" and "Direccion" are the same
/// word. Each word remembers where it came from in the original text, so a match can be shown in place.
/// </summary>
internal sealed class TitleTokens
{
    private const int FoldTableSize = 0x250;
    private static readonly char[] FoldTable = BuildFoldTable();

    [ThreadStatic]
    private static TitleTokens? t_shared;

    private char[] _chars = new char[128];
    private int _charCount;
    private int[] _start = new int[16];
    private int[] _length = new int[16];
    private int[] _originalStart = new int[16];
    private int[] _originalEnd = new int[16];

    public int Count { get; private set; }

    /// <summary>A per-thread instance: matching is not re-entrant, so one buffer per thread is enough.</summary>
    public static TitleTokens Shared => t_shared ??= new TitleTokens();

    public ReadOnlySpan<char> this[int index] => _chars.AsSpan(_start[index], _length[index]);

    public int OriginalStart(int index) => _originalStart[index];

    /// <summary>Position just after the word's last character in the original text.</summary>
    public int OriginalEnd(int index) => _originalEnd[index];

    public TitleTokens Tokenize(ReadOnlySpan<char> text)
    {
        Count = 0;
        _charCount = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            char folded;
            if (c < FoldTableSize)
            {
                folded = FoldTable[c];
                if (folded == '\u0001')
                {
                    // Letters that fold to two: ß, æ, œ.
                    StartWord(ref inWord, i);
                    var pair = c switch { 'ß' => "ss", 'æ' or 'Æ' => "ae", _ => "oe" };
                    Append(pair[0]);
                    folded = pair[1];
                }
            }
            else if (c is >= '\u0300' and <= '\u036F')
            {
                // A combining accent of decomposed text belongs to the word and is dropped.
                if (inWord)
                {
                    _originalEnd[Count - 1] = i + 1;
                }
                continue;
            }
            else
            {
                folded = char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '\0';
            }
            if (folded == '\0')
            {
                inWord = false;
                continue;
            }
            StartWord(ref inWord, i);
            Append(folded);
            _originalEnd[Count - 1] = i + 1;
        }
        return this;
    }

    private void StartWord(ref bool inWord, int originalIndex)
    {
        if (inWord)
        {
            return;
        }
        inWord = true;
        if (Count == _start.Length)
        {
            var size = Count * 2;
            Array.Resize(ref _start, size);
            Array.Resize(ref _length, size);
            Array.Resize(ref _originalStart, size);
            Array.Resize(ref _originalEnd, size);
        }
        _start[Count] = _charCount;
        _length[Count] = 0;
        _originalStart[Count] = originalIndex;
        _originalEnd[Count] = originalIndex + 1;
        Count++;
    }

    private void Append(char c)
    {
        if (_charCount == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }
        _chars[_charCount++] = c;
        _length[Count - 1]++;
    }

    /// <summary>Latin letters folded to lower-case ASCII where they decompose to one; '\0' separates; '\u0001' marks a two-letter fold.</summary>
    private static char[] BuildFoldTable()
    {
        var table = new char[FoldTableSize];
        for (var c = 0; c < FoldTableSize; c++)
        {
            var ch = (char)c;
            if (!char.IsLetterOrDigit(ch))
            {
                continue;
            }
            var decomposed = ch.ToString().Normalize(System.Text.NormalizationForm.FormD);
            table[c] = char.ToLowerInvariant(decomposed[0] < FoldTableSize ? decomposed[0] : ch);
        }
        foreach (var c in "ßæÆœŒ")
        {
            table[c] = '\u0001';
        }
        table['ø'] = 'o';
        table['Ø'] = 'o';
        table['đ'] = 'd';
        table['Đ'] = 'd';
        table['ł'] = 'l';
        table['Ł'] = 'l';
        return table;
    }
}
