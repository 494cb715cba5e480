using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// found without the pass over the groups' maxima. The answer is the same whatever they hold.
    /// </summary>
    public static int Largest(ReadOnlySpan<float> values, Span<int> top, ReadOnlySpan<int> likely, float floor = float.NegativeInfinity)
    {
        if (top.IsEmpty)
        {
            return 0;
        }
        if (top.Length <= 64 && values.Length >= top.Length * 16)
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
        if (values.Length <= 64 && Vector256.IsHardwareAccelerated)
        {
            return Few(values, top, floor);
        }
        // A long list (Lookup ranks up to 1,000 occupations for its chart) would cost an insertion walk per value.
        return top.Length > 64 ? BySort(values, top, floor) : ByInsertion(values, top, floor);
    }

    /// <summary>
    /// A few values (the Function and Level axes' answers): those above the floor placed by <see cref="ByRank"/>, where
    /// an insertion walk's branches followed the values and mispredicted.
    /// </summary>
    [SkipLocalsInit]
    private static int Few(ReadOnlySpan<float> values, Span<int> top, float floor)
    {
        Span<int> kept = stackalloc int[values.Length];
        var count = 0;
        for (var c = 0; c < values.Length; c++)
        {
            kept[count] = c;
            // Not "> floor": a NaN is kept, as the insertion walk keeps it.
            count += values[c] <= floor ? 0 : 1;
        }
        return ByRank(values, kept[..count], top);
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
        keys.Sort();
        var found = Math.Min(top.Length, keys.Length);
        for (var i = 0; i < found; i++)
        {
            top[i] = int.MaxValue - (int)(uint)keys[keys.Length - 1 - i];
        }
        return found;
    }

    /// <summary>
    /// For many values and a short list (the 16 naive Bayes candidates among 1,017 categories): the maxima of
    /// 128 disjoint groups of values (those whose index leaves the same remainder by 128), and their <paramref name="top"/>.Length-th
    /// largest, or a little below it, as a bar every one of the largest values reaches (that many groups hold a value
    /// at or above it). One vector pass finds the maxima, the bar is counted out without a data-dependent branch
    /// (<see cref="Bar"/>), one more pass keeps the values at or above it, usually not many more than asked,
    /// and only those are ordered. Groups strided across the values rather than blocks of eight neighbours put a
    /// cluster of related high-scoring categories into different groups, so the bar sits closer to the asked-for
    /// value: on the default model's Occupation axis 16.5 values reach the exact bar for 16, against 31.3 with blocks.
    /// The last values past a whole 16 are in no group: the bar only needs enough groups to reach it.
    /// -1 when too many values reach the bar (many ties).
    /// </summary>
    [SkipLocalsInit]
    private static int ByBar(ReadOnlySpan<float> values, Span<int> top, float floor)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return -1;
        }
        ref var start = ref MemoryMarshal.GetReference(values);
        Span<int> keys = stackalloc int[Groups];
        ref var maxima = ref Unsafe.As<int, float>(ref MemoryMarshal.GetReference(keys));
        var empty = Vector256.Create(float.NegativeInfinity);
        for (var g = 0; g < Groups; g += Vector256<float>.Count)
        {
            empty.StoreUnsafe(ref maxima, (nuint)g);
        }
        for (var c = 0; c + 16 <= values.Length; c += 16)
        {
            var at = (nuint)(c % Groups);
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512.MaxNative(Vector512.LoadUnsafe(ref maxima, at), Vector512.LoadUnsafe(ref start, (nuint)c)).StoreUnsafe(ref maxima, at);
            }
            else
            {
                Vector256.MaxNative(Vector256.LoadUnsafe(ref maxima, at), Vector256.LoadUnsafe(ref start, (nuint)c)).StoreUnsafe(ref maxima, at);
                Vector256.MaxNative(Vector256.LoadUnsafe(ref maxima, at + 8), Vector256.LoadUnsafe(ref start, (nuint)c + 8)).StoreUnsafe(ref maxima, at + 8);
            }
        }
        for (var g = 0; g < Groups; g += Vector256<int>.Count)
        {
            OrderedKeys(Vector256.LoadUnsafe(ref maxima, (nuint)g).AsInt32()).StoreUnsafe(ref MemoryMarshal.GetReference(keys), (nuint)g);
        }
        return AtOrAbove(values, top, Bar(keys, top.Length), floor);
    }

    /// <summary>The groups of <see cref="ByBar"/>: as many as 1,017 values have blocks of eight.</summary>
    private const int Groups = 128;

    /// <summary>
    /// For <see cref="Largest(ReadOnlySpan{float}, Span{int}, ReadOnlySpan{int}, float)"/>: the bar is the
    /// <paramref name="top"/>.Length-th largest value at <paramref name="likely"/> (at least that many values reach it).
    /// -1 when too many values reach it.
    /// </summary>
    [SkipLocalsInit]
    private static int ByLikely(ReadOnlySpan<float> values, Span<int> top, ReadOnlySpan<int> likely, float floor)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return -1;
        }
        // Whole vectors of 16: the lanes past the likely values hold the smallest key, below every value's.
        var length = (likely.Length + 15) & -16;
        Span<int> keys = length <= 256 ? stackalloc int[length] : new int[length];
        for (var i = 0; i < likely.Length; i++)
        {
            keys[i] = OrderedKey(values[likely[i]]);
        }
        keys[likely.Length..].Fill(int.MinValue);
        return AtOrAbove(values, top, Bar(keys, top.Length), floor);
    }

    /// <summary>
    /// A bar that at least <paramref name="n"/> of <paramref name="keys"/> (<see cref="OrderedKey"/>s, whole vectors of
    /// 16) reach, found without a data-dependent branch (Hoare's selection mispredicted about every other comparison).
    /// A few keys (the likely ones): the n-th largest, the largest key that at least n keys reach, each key's count
    /// taken with one comparison per vector. Many (the groups' maxima): that key built bit by bit from the top, a bit
    /// kept when enough keys reach it, one comparison per vector a round; the rounds stop after the sign, exponent
    /// and three bits of mantissa (at most 12.5 % below the n-th largest), which on the default model's Occupation
    /// axis keeps 16.9 values for 16 against 16.5 with all 32 rounds, for 12 rounds.
    /// </summary>
    private static float Bar(ReadOnlySpan<int> keys, int n)
    {
        ref var start = ref MemoryMarshal.GetReference(keys);
        if (keys.Length <= 64)
        {
            var found = int.MinValue;
            foreach (var key in keys)
            {
                var reach = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    var probe = Vector512.Create(key);
                    for (var i = 0; i < keys.Length; i += Vector512<int>.Count)
                    {
                        reach += BitOperations.PopCount(Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref start, (nuint)i), probe).ExtractMostSignificantBits());
                    }
                }
                else
                {
                    var probe = Vector256.Create(key);
                    for (var i = 0; i < keys.Length; i += Vector256<int>.Count)
                    {
                        reach += BitOperations.PopCount(Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)i), probe).ExtractMostSignificantBits());
                    }
                }
                found = Math.Max(found, reach >= n ? key : int.MinValue);
            }
            return ValueOf(found);
        }
        // Counting the keys below a candidate instead of those reaching it: n reach it when at most this many are below.
        var below = keys.Length - n;
        // Built in the biased order (sign bit flipped), where setting a bit always raises the signed key.
        var bar = 0u;
        for (var bit = 1u << 31; bit >= 1u << 20; bit >>= 1)
        {
            var candidate = bar | bit;
            var count = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var probe = Vector512.Create((int)(candidate ^ (1u << 31)));
                for (var i = 0; i < keys.Length; i += Vector512<int>.Count)
                {
                    count += BitOperations.PopCount(Vector512.GreaterThan(probe, Vector512.LoadUnsafe(ref start, (nuint)i)).ExtractMostSignificantBits());
                }
            }
            else
            {
                var probe = Vector256.Create((int)(candidate ^ (1u << 31)));
                for (var i = 0; i < keys.Length; i += Vector256<int>.Count)
                {
                    count += BitOperations.PopCount(Vector256.GreaterThan(probe, Vector256.LoadUnsafe(ref start, (nuint)i)).ExtractMostSignificantBits());
                }
            }
            bar = count <= below ? candidate : bar;
        }
        return ValueOf((int)(bar ^ (1u << 31)));
    }

    /// <summary>The largest values among those at or above <paramref name="bar"/>, which at least <paramref name="top"/>.Length reach; -1 when too many do.</summary>
    [SkipLocalsInit]
    private static int AtOrAbove(ReadOnlySpan<float> values, Span<int> top, float bar, float floor)
    {
        if (!(bar > floor) || !Vector256.IsHardwareAccelerated)
        {
            return -1;
        }
        var room = top.Length * 8;
        // Room for a whole vector of indexes stored past the last one kept.
        Span<int> kept = stackalloc int[room + Vector512<int>.Count];
        var count = 0;
        ref var start = ref MemoryMarshal.GetReference(values);
        var c = 0;
        if (Avx512F.IsSupported)
        {
            // Each vector's reaching indexes packed to the front and stored whole, the count advanced by how many:
            // no branch on where the (few, scattered) values that reach the bar are.
            var bars = Vector512.Create(bar);
            var indexes = Vector512<int>.Indices;
            ref var to = ref MemoryMarshal.GetReference(kept);
            for (; c + Vector512<float>.Count <= values.Length; c += Vector512<float>.Count)
            {
                var reach = Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref start, (nuint)c), bars).AsInt32();
                Avx512F.Compress(indexes, reach, indexes).StoreUnsafe(ref to, (nuint)count);
                count += BitOperations.PopCount(reach.ExtractMostSignificantBits());
                if (count > room)
                {
                    return -1;
                }
                indexes += Vector512.Create(Vector512<float>.Count);
            }
        }
        else
        {
            var bars = Vector256.Create(bar);
            for (; c + Vector256<float>.Count <= values.Length; c += Vector256<float>.Count)
            {
                var mask = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)c), bars).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    if (count == room)
                    {
                        return -1;
                    }
                    kept[count++] = c + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
            }
        }
        for (; c < values.Length; c++)
        {
            if (values[c] >= bar)
            {
                if (count == room)
                {
                    return -1;
                }
                kept[count++] = c;
            }
        }
        if (count < top.Length)
        {
            return -1; // fewer reach the bar than it promised: a NaN counted as a group's or a likely value's maximum
        }
        return ByRank(values, kept[..count], top);
    }

    /// <summary>
    /// Writes the <paramref name="kept"/> indexes with the largest values into <paramref name="top"/>, in <see cref="Key"/>
    /// order. Up to 64: each key's place is the number of keys above it (keys are distinct), counted with one
    /// comparison per vector of eight (four without AVX-512), so no branch depends on the order the values came in.
    /// </summary>
    [SkipLocalsInit]
    private static int ByRank(ReadOnlySpan<float> values, ReadOnlySpan<int> kept, Span<int> top)
    {
        var length = (kept.Length + 7) & -8;
        Span<long> keys = stackalloc long[length];
        for (var i = 0; i < kept.Length; i++)
        {
            keys[i] = Key(values[kept[i]], kept[i]);
        }
        if (kept.Length > 64)
        {
            return Largest(keys[..kept.Length], top);
        }
        keys[kept.Length..].Fill(long.MinValue);
        ref var start = ref MemoryMarshal.GetReference(keys);
        Span<int> ordered = stackalloc int[kept.Length];
        for (var i = 0; i < kept.Length; i++)
        {
            var above = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var probe = Vector512.Create(keys[i]);
                for (var j = 0; j < length; j += Vector512<long>.Count)
                {
                    above += BitOperations.PopCount(Vector512.GreaterThan(Vector512.LoadUnsafe(ref start, (nuint)j), probe).ExtractMostSignificantBits());
                }
            }
            else
            {
                var probe = Vector256.Create(keys[i]);
                for (var j = 0; j < length; j += Vector256<long>.Count)
                {
                    above += BitOperations.PopCount(Vector256.GreaterThan(Vector256.LoadUnsafe(ref start, (nuint)j), probe).ExtractMostSignificantBits());
                }
            }
            ordered[above] = kept[i];
        }
        var found = Math.Min(top.Length, kept.Length);
        ordered[..found].CopyTo(top);
        return found;
    }

    /// <summary>A float's bits made monotonic as a signed integer (larger value, larger key; -0 just below +0).</summary>
    private static int OrderedKey(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        return bits ^ ((bits >> 31) & int.MaxValue);
    }

    private static Vector256<int> OrderedKeys(Vector256<int> bits) =>
        bits ^ (Vector256.ShiftRightArithmetic(bits, 31) & Vector256.Create(int.MaxValue));

    /// <summary>The inverse of <see cref="OrderedKey"/> (the same flip).</summary>
    private static float ValueOf(int key) => BitConverter.Int32BitsToSingle(key ^ ((key >> 31) & int.MaxValue));

    /// <summary>Orders as (value, then lower index first): the float's bits made monotonic as a signed integer, above the inverted index.</summary>
    private static long Key(float value, int index) => ((long)OrderedKey(value + 0f) << 32) | (uint)(int.MaxValue - index); // + 0f: -0 ties with +0

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
