namespace JobTitleStudio.Core.Text;

public sealed partial class TitleNormalizer
{
    private struct Token
    {
        public int Start;
        public int Length;
        public int Part;
        public bool HasLowerRaw;
        public bool HasDigit;
        public bool AfterHash;
        public bool AfterCurrency;
        public bool Dropped;
        /// <summary>Replaces the buffer text: a base form ("leiter") or a word the scanner adds ("and").</summary>
        public string? Text;
        /// <summary>What the tables say of the token as scanned (null when no table has it), and their string for it.</summary>
        public WordFacts? Facts;
        public string? Key;
    }

    /// <summary>Per-thread buffers, reused across calls so that normalising allocates only its results.</summary>
    private sealed class Workspace
    {
        private char[] _lower = new char[128];
        private char[] _raw = new char[128];
        private int _length;
        private int _current = -1;
        private int _part;
        private bool _partHasTokens;

        public Token[] Tokens = new Token[32];
        public int Count;
        public readonly List<string> Words = new(16);
        public readonly List<string> Expanded = new(16);
        public readonly List<int> PartStarts = new(4);

        public bool InToken => _current >= 0;

        public int CurrentLength => _current >= 0 ? Tokens[_current].Length : 0;

        public ReadOnlySpan<char> Current => _current >= 0 ? _lower.AsSpan(Tokens[_current].Start, Tokens[_current].Length) : default;

        public void Reset(int textLength)
        {
            if (_lower.Length < textLength)
            {
                _lower = new char[textLength];
                _raw = new char[textLength];
            }
            _length = 0;
            _current = -1;
            _part = 0;
            _partHasTokens = false;
            Count = 0;
        }

        /// <summary>Drops references to result strings so a long-lived thread does not keep them alive, nor the buffers a pasted essay grew.</summary>
        public void Release()
        {
            if (_lower.Length > 4 * MaxLength)
            {
                _lower = new char[128];
                _raw = new char[128];
                Tokens = new Token[32];
                Count = 0;
            }
            Words.Clear();
            Expanded.Clear();
            PartStarts.Clear();
            Array.Clear(Tokens, 0, Count);
        }

        public void StartToken(bool afterHash, bool afterCurrency)
        {
            _current = Add();
            Tokens[_current].Start = _length;
            Tokens[_current].AfterHash = afterHash;
            Tokens[_current].AfterCurrency = afterCurrency;
        }

        public void Append(char c)
        {
            ref var token = ref Tokens[_current];
            _raw[_length] = c;
            _lower[_length] = char.ToLowerInvariant(c);
            _length++;
            token.Length++;
            token.HasLowerRaw |= char.IsLower(c);
            token.HasDigit |= char.IsAsciiDigit(c);
        }

        public void EndToken() => _current = -1;

        public void AddWord(string word)
        {
            var index = Add();
            Tokens[index].Text = word;
            Tokens[index].HasLowerRaw = true;
        }

        public void NewPart()
        {
            if (_partHasTokens)
            {
                _part++;
                _partHasTokens = false;
            }
        }

        public ReadOnlySpan<char> TextOf(int index) =>
            Tokens[index].Text is { } text ? text : _lower.AsSpan(Tokens[index].Start, Tokens[index].Length);

        public ReadOnlySpan<char> RawOf(int index) => _raw.AsSpan(Tokens[index].Start, Tokens[index].Length);

        private int Add()
        {
            if (Count == Tokens.Length)
            {
                Array.Resize(ref Tokens, Count * 2);
            }
            Tokens[Count] = new Token { Part = _part };
            _partHasTokens = true;
            return Count++;
        }
    }
}
