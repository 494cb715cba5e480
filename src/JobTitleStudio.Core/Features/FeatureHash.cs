using System.Runtime.CompilerServices;

namespace JobTitleStudio.Core.Features;

/// <summary>
/// The frozen feature hash: 32-bit FNV-1a over the UTF-8 bytes of the feature name ("word:manager").
/// Trained models store weights by these ids, so changing this function invalidates every model;
/// the golden test in FeatureHashTests pins it.
/// </summary>
public static class FeatureHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The FNV-1a hash of the UTF-8 encoding of <paramref name="text"/>.</summary>
    public static uint Hash(ReadOnlySpan<char> text) => Append(OffsetBasis, text);

    /// <summary>Continues a hash with more text, so "family:" + word hashes without concatenating strings.</summary>
    public static uint Append(uint hash, ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (c < 0x80)
            {
                hash = Step(hash, c);
            }
            else if (c < 0x800)
            {
                hash = Step(Step(hash, 0xC0 | (c >> 6)), 0x80 | (c & 0x3F));
            }
            else if (char.IsHighSurrogate((char)c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var code = char.ConvertToUtf32((char)c, text[++i]);
                hash = Step(Step(Step(Step(hash, 0xF0 | (code >> 18)), 0x80 | ((code >> 12) & 0x3F)), 0x80 | ((code >> 6) & 0x3F)), 0x80 | (code & 0x3F));
            }
            else
            {
                // A lone surrogate is encoded as U+FFFD, as Encoding.UTF8 does.
                var code = char.IsSurrogate((char)c) ? 0xFFFD : c;
                hash = Step(Step(Step(hash, 0xE0 | (code >> 12)), 0x80 | ((code >> 6) & 0x3F)), 0x80 | (code & 0x3F));
            }
        }
        return hash;
    }

    /// <summary>Continues a hash with one character, as <see cref="Append(uint, ReadOnlySpan{char})"/> would (a surrogate alone is U+FFFD).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Append(uint hash, char c) => c < 0x80 ? Step(hash, c) : Append(hash, new ReadOnlySpan<char>(in c));

    /// <summary>The bucket of a hash among <paramref name="buckets"/>.</summary>
    public static int Bucket(uint hash, int buckets) => (int)(hash % (uint)buckets);

    /// <summary>One byte of FNV-1a: continuing with an ASCII character is one step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step(uint hash, int b) => (hash ^ (uint)b) * Prime;
}
