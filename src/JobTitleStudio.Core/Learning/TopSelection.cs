using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace JobTitleStudio.Core.Learning;

/// <summary>Partial selection of the largest values: the blend's top-N, naive Bayes candidates, a correction's competitors.</summary>
internal static class TopSelection
{
    /// <summary>
    /// Indexes of the <paramref name="top"/>.Length largest values above <paramref name="floor"/>, largest first
    /// (ties: lower index first); returns how many were found.
    /// </summary>
    public static int Largest(ReadOnlySpan<float> values, Span<int> top, float floor = float.NegativeInfinity) =>
        Largest(values, top, [], floor);

    /// <summary>
    /// As above, with distinct <paramref name="likely"/> indexes that probably hold the largest values (the blend's naive Bayes
    /// candidates): their <paramref name="top"/>.Length-th largest value is a bar every one of the largest values reaches,
    /// found without the pass over the blocks' maxima. The answer is the same whatever they hold.
    /// </summary>
    public static int Largest(ReadOnlySpan<float> values, Span<int> top, ReadOnlySpan<int> likely, float floor = float.NegativeInfinity)
    {
        if (top.Length is > 0 and <= 64 && values.Length >= top.Length * 16)
        {
            var found = likely.Length >= top.Length ? ByLikely(values, top, likely, floor) : -1;
            if (found < 0)
            {
                found = ByBar(values, top, floor);
            }
            if (found >= 0)
            {
                return found;
            }
        }
        // A long list (Lookup ranks up to 1,000 occupations for its chart) would cost an insertion walk per value.
        return top.Length > 64 ? BySort(values, top, floor) : ByInsertion(values, top, floor);
    }

    private static int BySort(ReadOnlySpan<float> values, Span<int> top, float floor)
    {
        var keys = values.Length <= 4096 ? stackalloc long[values.Length] : new long[values.Length];
        var kept = 0;
        for (var c = 0; c < values.Length; c++)
        {
            if (values[c] > floor)
            {
                keys[kept++] = Key(values[c], c);
            }
        }
        return Largest(keys[..kept], top);
    }

    /// <summary>Sorts the <see cref="Key"/>s and writes the indexes of the largest into <paramref name="top"/>.</summary>
    private static int Largest(Span<long> keys, Span<int> top)
    {
        // The bar keeps few more keys than asked: an insertion sort of a few dozen beats the general sort's set-up.
        if (keys.Length <= 64)
        {
            for (var i = 1; i < keys.Length; i++)
            {
                var key = keys[i];
                var j = i - 1;
                for (; j >= 0 && keys[j] > key; j--)
                {
                    keys[j + 1] = keys[j];
                }
                keys[j + 1] = key;
            }
        }
        else
        {
            keys.Sort();
        }
        var found = Math.Min(top.Length, keys.Length);
        for (var i = 0; i < found; i++)
        {
            top[i] = int.MaxValue - (int)(uint)keys[keys.Length - 1 - i];
        }
        return found;
    }

    /// <summary>
    /// For many values and a short list (the 48 naive Bayes candidates among 1,017 categories): the maxima of
    /// blocks of eight values, and the <paramref name="top"/>.Length-th largest of them as a bar every one of the
    /// largest values reaches (that many blocks hold a value at or above it). One vector pass finds the maxima,
    /// one more keeps the values at or above the bar, usually not many more than asked, and only those are
    /// ordered; an insertion into the list for each value that beat the list's last cost several times more.
    /// -1 when too many values reach the bar (many ties).
    /// </summary>
    private static int ByBar(ReadOnlySpan<float> values, Span<int> top, float floor)
    {
        var n = top.Length;
        var blocks = values.Length / Vector256<float>.Count;
        if (!Vector256.IsHardwareAccelerated || blocks < n || blocks > 1024)
        {
            return -1;
        }
        ref var start = ref MemoryMarshal.GetReference(values);
        Span<float> maxima = stackalloc float[blocks];
        for (var b = 0; b < blocks; b++)
        {
            maxima[b] = Max(Vector256.LoadUnsafe(ref start, (nuint)(b * Vector256<float>.Count)));
        }
        return AtOrAbove(values, top, NthSmallest(maxima, blocks - n), floor);
    }

    /// <summary>
    /// For <see cref="Largest(ReadOnlySpan{float}, Span{int}, ReadOnlySpan{int}, float)"/>: the bar is the
    /// <paramref name="top"/>.Length-th largest value at <paramref name="likely"/> (at least that many values reach it).
    /// -1 when too many values reach it.
    /// </summary>
    [SkipLocalsInit]
    private static int ByLikely(ReadOnlySpan<float> values, Span<int> top, ReadOnlySpan<int> likely, float floor)
    {
        Span<float> at = likely.Length <= 256 ? stackalloc float[likely.Length] : new float[likely.Length];
        for (var i = 0; i < likely.Length; i++)
        {
            at[i] = values[likely[i]];
        }
        return AtOrAbove(values, top, NthSmallest(at, likely.Length - top.Length), floor);
    }

    /// <summary>The largest values among those at or above <paramref name="bar"/>, which at least <paramref name="top"/>.Length reach; -1 when too many do.</summary>
    [SkipLocalsInit]
    private static int AtOrAbove(ReadOnlySpan<float> values, Span<int> top, float bar, float floor)
    {
        var n = top.Length;
        if (!(bar > floor) || !Vector256.IsHardwareAccelerated)
        {
            return -1;
        }
        ref var start = ref MemoryMarshal.GetReference(values);
        Span<long> keys = stackalloc long[n * 8];
        var kept = 0;
        var bars = Vector256.Create(bar);
        var c = 0;
        for (; c + Vector256<float>.Count <= values.Length; c += Vector256<float>.Count)
        {
            var mask = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)c), bars).ExtractMostSignificantBits();
            while (mask != 0)
            {
                var at = c + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                if (kept == keys.Length)
                {
                    return -1;
                }
                keys[kept++] = Key(values[at], at);
            }
        }
        for (; c < values.Length; c++)
        {
            if (values[c] >= bar)
            {
                if (kept == keys.Length)
                {
                    return -1;
                }
                keys[kept++] = Key(values[c], c);
            }
        }
        return Largest(keys[..kept], top);
    }

    /// <summary>The value that would sit at <paramref name="k"/> if <paramref name="values"/> were sorted (Hoare's selection; reorders them).</summary>
    private static float NthSmallest(Span<float> values, int k)
    {
        var left = 0;
        var right = values.Length - 1;
        while (left < right)
        {
            var pivot = values[(left + right) >>> 1];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                break;
            }
        }
        return values[k];
    }

    private static float Max(Vector256<float> vector)
    {
        var half = Vector128.Max(vector.GetLower(), vector.GetUpper());
        half = Vector128.Max(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        return MathF.Max(half[0], half[1]);
    }

    /// <summary>Orders as (value, then lower index first): the float's bits made monotonic as a signed integer, above the inverted index.</summary>
    private static long Key(float value, int index)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        bits ^= (bits >> 31) & int.MaxValue;
        return ((long)bits << 32) | (uint)(int.MaxValue - index);
    }

    private static int ByInsertion(ReadOnlySpan<float> values, Span<int> top, float floor)
    {
        var size = 0;
        // The value a newcomer must beat, kept in a local: most values fail this one comparison once the list is
        // full, so the loop is a scan without loads through the list.
        var bar = floor;
        for (var c = 0; c < values.Length; c++)
        {
            var value = values[c];
            if (value <= bar)
            {
                continue;
            }
            var at = size == top.Length ? size - 1 : size++;
            while (at > 0 && value > values[top[at - 1]])
            {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = c;
            if (size == top.Length)
            {
                bar = values[top[size - 1]];
            }
        }
        return size;
    }
}
