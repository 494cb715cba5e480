using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JobTitleStudio.Core.Learning;

/// <summary>The hot paths' loops over short rows: dot products, multiply-adds of 16-bit rows, cache-line prefetches.</summary>
internal static class Vectors
{
    /// <summary>
    /// Dot product for the short rows of the linear model (16 to 100 floats), called a thousand times per
    /// prediction: an inlined two-accumulator Vector256 loop, where TensorPrimitives' per-call checks and
    /// dispatch cost as much as the arithmetic at this length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        if (!Vector256.IsHardwareAccelerated || n < 16)
        {
            return TensorPrimitives.Dot(a[..n], b[..n]);
        }
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var i = 0;
        for (; i + 16 <= n; i += 16)
        {
            acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), acc0);
            acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)(i + 8)), Vector256.LoadUnsafe(ref rb, (nuint)(i + 8)), acc1);
        }
        if (i + 8 <= n)
        {
            acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), acc0);
            i += 8;
        }
        var sum = Vector256.Sum(acc0 + acc1);
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        }
        return sum;
    }

    /// <summary>
    /// Four rows dotted with one vector in one pass: four independent accumulator chains keep the multiply-add
    /// units busy where one row's chain waits on each add's latency (a 100-float row is only 13 steps), and each
    /// load of <paramref name="b"/> serves four rows. Rows may be longer than <paramref name="b"/> (the bias after).
    /// </summary>
    public static Vector128<float> Dot4(ReadOnlySpan<float> a0, ReadOnlySpan<float> a1, ReadOnlySpan<float> a2, ReadOnlySpan<float> a3, ReadOnlySpan<float> b)
    {
        var n = b.Length;
        if (a0.Length < n || a1.Length < n || a2.Length < n || a3.Length < n)
        {
            throw new ArgumentException("Every row must be at least as long as the vector.", nameof(b));
        }
        ref var r0 = ref MemoryMarshal.GetReference(a0);
        ref var r1 = ref MemoryMarshal.GetReference(a1);
        ref var r2 = ref MemoryMarshal.GetReference(a2);
        ref var r3 = ref MemoryMarshal.GetReference(a3);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var acc0 = Vector256<float>.Zero;
        var acc1 = Vector256<float>.Zero;
        var acc2 = Vector256<float>.Zero;
        var acc3 = Vector256<float>.Zero;
        var i = 0;
        for (; i + 8 <= n; i += 8)
        {
            var x = Vector256.LoadUnsafe(ref rb, (nuint)i);
            acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r0, (nuint)i), x, acc0);
            acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r1, (nuint)i), x, acc1);
            acc2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r2, (nuint)i), x, acc2);
            acc3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r3, (nuint)i), x, acc3);
        }
        var tail0 = Vector128<float>.Zero;
        var tail1 = Vector128<float>.Zero;
        var tail2 = Vector128<float>.Zero;
        var tail3 = Vector128<float>.Zero;
        if (i + 4 <= n)
        {
            var x = Vector128.LoadUnsafe(ref rb, (nuint)i);
            tail0 = Vector128.LoadUnsafe(ref r0, (nuint)i) * x;
            tail1 = Vector128.LoadUnsafe(ref r1, (nuint)i) * x;
            tail2 = Vector128.LoadUnsafe(ref r2, (nuint)i) * x;
            tail3 = Vector128.LoadUnsafe(ref r3, (nuint)i) * x;
            i += 4;
        }
        Vector128<float> sums;
        if (Avx.IsSupported)
        {
            // Pairwise adds fold the four accumulators into one vector of four sums (no per-row reduction).
            var wide = Avx.HorizontalAdd(Avx.HorizontalAdd(acc0, acc1), Avx.HorizontalAdd(acc2, acc3));
            sums = wide.GetLower() + wide.GetUpper() + Sse3.HorizontalAdd(Sse3.HorizontalAdd(tail0, tail1), Sse3.HorizontalAdd(tail2, tail3));
        }
        else
        {
            sums = Vector128.Create(
                Vector256.Sum(acc0) + Vector128.Sum(tail0),
                Vector256.Sum(acc1) + Vector128.Sum(tail1),
                Vector256.Sum(acc2) + Vector128.Sum(tail2),
                Vector256.Sum(acc3) + Vector128.Sum(tail3));
        }
        float s0 = sums[0], s1 = sums[1], s2 = sums[2], s3 = sums[3];
        for (; i < n; i++)
        {
            var x = Unsafe.Add(ref rb, i);
            s0 += Unsafe.Add(ref r0, i) * x;
            s1 += Unsafe.Add(ref r1, i) * x;
            s2 += Unsafe.Add(ref r2, i) * x;
            s3 += Unsafe.Add(ref r3, i) * x;
        }
        return Vector128.Create(s0, s1, s2, s3);
    }

    /// <summary>
    /// Eight rows of signed bytes, <paramref name="stride"/> bytes apart in <paramref name="rows"/>, dotted with one
    /// vector of unsigned bytes of whole 32-byte vectors (what follows a row's first <paramref name="x"/>.Length
    /// bytes is not read). Integer sums, so every path gives the same result: VNNI's byte multiply-adds where the
    /// machine has them (4 products per 32-bit lane and instruction, eight independent chains sharing each load
    /// of <paramref name="x"/>, folded by pairwise adds), else the bytes widened to 16 bits (a product of a byte
    /// and a signed byte fits).
    /// </summary>
    public static Vector256<int> DotBytes8(ReadOnlySpan<byte> x, ReadOnlySpan<byte> rows, int stride)
    {
        var n = x.Length;
        if (n % 32 != 0 || stride < n || rows.Length < 7 * stride + n)
        {
            throw new ArgumentException("The vector must be whole 32-byte vectors and eight rows at least as long must follow each other.", nameof(x));
        }
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var r = ref Unsafe.As<byte, sbyte>(ref MemoryMarshal.GetReference(rows));
        if (AvxVnni.IsSupported)
        {
            var s = (nuint)stride;
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            var acc2 = Vector256<int>.Zero;
            var acc3 = Vector256<int>.Zero;
            var acc4 = Vector256<int>.Zero;
            var acc5 = Vector256<int>.Zero;
            var acc6 = Vector256<int>.Zero;
            var acc7 = Vector256<int>.Zero;
            for (nuint i = 0; i < (nuint)n; i += 32)
            {
                var v = Vector256.LoadUnsafe(ref rx, i);
                acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, v, Vector256.LoadUnsafe(ref r, i));
                acc1 = AvxVnni.MultiplyWideningAndAdd(acc1, v, Vector256.LoadUnsafe(ref r, i + s));
                acc2 = AvxVnni.MultiplyWideningAndAdd(acc2, v, Vector256.LoadUnsafe(ref r, i + 2 * s));
                acc3 = AvxVnni.MultiplyWideningAndAdd(acc3, v, Vector256.LoadUnsafe(ref r, i + 3 * s));
                acc4 = AvxVnni.MultiplyWideningAndAdd(acc4, v, Vector256.LoadUnsafe(ref r, i + 4 * s));
                acc5 = AvxVnni.MultiplyWideningAndAdd(acc5, v, Vector256.LoadUnsafe(ref r, i + 5 * s));
                acc6 = AvxVnni.MultiplyWideningAndAdd(acc6, v, Vector256.LoadUnsafe(ref r, i + 6 * s));
                acc7 = AvxVnni.MultiplyWideningAndAdd(acc7, v, Vector256.LoadUnsafe(ref r, i + 7 * s));
            }
            // Per 128-bit half: the four sums of rows 0-3, then of rows 4-7; the halves' sums are the dots.
            var low = Avx2.HorizontalAdd(Avx2.HorizontalAdd(acc0, acc1), Avx2.HorizontalAdd(acc2, acc3));
            var high = Avx2.HorizontalAdd(Avx2.HorizontalAdd(acc4, acc5), Avx2.HorizontalAdd(acc6, acc7));
            return Avx2.Permute2x128(low, high, 0x20) + Avx2.Permute2x128(low, high, 0x31);
        }
        return DotBytes8Widened(x, rows, stride);
    }

    /// <summary>The path of <see cref="DotBytes8"/> for machines without VNNI (arguments already checked there).</summary>
    internal static Vector256<int> DotBytes8Widened(ReadOnlySpan<byte> x, ReadOnlySpan<byte> rows, int stride)
    {
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var r = ref Unsafe.As<byte, sbyte>(ref MemoryMarshal.GetReference(rows));
        Span<int> dots = stackalloc int[8];
        for (var k = 0; k < 8; k++)
        {
            var sum = Vector128<int>.Zero;
            ref var row = ref Unsafe.Add(ref r, k * stride);
            for (var i = 0; i < x.Length; i += 16)
            {
                var (xl, xh) = Vector128.Widen(Vector128.LoadUnsafe(ref rx, (nuint)i));
                sum += WidenedProducts(xl.AsInt16(), xh.AsInt16(), Vector128.LoadUnsafe(ref row, (nuint)i));
            }
            dots[k] = Vector128.Sum(sum);
        }
        return Vector256.Create<int>(dots);
    }

    /// <summary>Sixteen products of a byte (0-255, widened) and a signed byte, summed into four 32-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> WidenedProducts(Vector128<short> xl, Vector128<short> xh, Vector128<sbyte> a)
    {
        var (al, ah) = Vector128.Widen(a);
        var (p0, p1) = Vector128.Widen(xl * al);
        var (p2, p3) = Vector128.Widen(xh * ah);
        return p0 + p1 + p2 + p3;
    }

    /// <summary>
    /// <paramref name="sum"/> += <paramref name="scale"/> x <paramref name="row"/>, the row in 16-bit floats widened
    /// on the fly (the embedding's rows, half the bytes of floats): .NET exposes no F16C conversion, so the bits
    /// are moved into a float's place and scaled by 2^112, which is exact for every finite half, subnormals
    /// included (the embedding holds no infinities: its writes are clamped to the finite range).
    /// Fused multiply-adds on every path, so the sum does not depend on the vector width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAddHalf(ReadOnlySpan<Half> row, float scale, Span<float> sum)
    {
        var n = row.Length;
        if (sum.Length < n)
        {
            throw new ArgumentException("The sum must be at least as long as the row.", nameof(sum));
        }
        ref var rr = ref Unsafe.As<Half, ushort>(ref MemoryMarshal.GetReference(row));
        ref var rs = ref MemoryMarshal.GetReference(sum);
        var i = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            var s = Vector512.Create(scale);
            for (; i + 16 <= n; i += 16)
            {
                var bits = Avx512F.ConvertToVector512UInt32(Vector256.LoadUnsafe(ref rr, (nuint)i));
                var value = HalfBitsToSingle(bits);
                Vector512.FusedMultiplyAdd(value, s, Vector512.LoadUnsafe(ref rs, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(scale);
            for (; i + 8 <= n; i += 8)
            {
                var bits = Vector256.WidenLower(Vector128.LoadUnsafe(ref rr, (nuint)i).ToVector256Unsafe());
                var value = HalfBitsToSingle(bits);
                Vector256.FusedMultiplyAdd(value, s, Vector256.LoadUnsafe(ref rs, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
            }
            if (i + 4 <= n)
            {
                var bits = Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref rr, i)))).AsUInt16());
                var value = HalfBitsToSingle(bits);
                Vector128.FusedMultiplyAdd(value, Vector128.Create(scale), Vector128.LoadUnsafe(ref rs, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
                i += 4;
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref rs, i) = MathF.FusedMultiplyAdd((float)BitConverter.UInt16BitsToHalf(Unsafe.Add(ref rr, i)), scale, Unsafe.Add(ref rs, i));
        }
    }

    /// <summary>
    /// Asks for every cache line of the <paramref name="length"/> bytes at <paramref name="start"/> (none when empty): a line
    /// each 64 bytes from the start, then the last byte's, since a range that does not start on a line may end on one more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void PrefetchLines(byte* start, int length)
    {
        if (!Sse.IsSupported || length <= 0)
        {
            return;
        }
        for (var at = 0; at < length - 1; at += 64)
        {
            Sse.Prefetch0(start + at);
        }
        Sse.Prefetch0(start + length - 1);
    }

    private const uint HalfMagnitude = 0x7FFF;
    private const uint HalfSign = 0x8000;

    /// <summary>2^(127 - 15): moves a half's exponent, placed in a float's bits, to the float's bias.</summary>
    private const float HalfExponentShift = 5.192296858534828e33f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> HalfBitsToSingle(Vector512<uint> bits) =>
        ((bits & Vector512.Create(HalfMagnitude)) << 13).AsSingle() * Vector512.Create(HalfExponentShift)
        | ((bits & Vector512.Create(HalfSign)) << 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> HalfBitsToSingle(Vector256<uint> bits) =>
        ((bits & Vector256.Create(HalfMagnitude)) << 13).AsSingle() * Vector256.Create(HalfExponentShift)
        | ((bits & Vector256.Create(HalfSign)) << 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> HalfBitsToSingle(Vector128<uint> bits) =>
        ((bits & Vector128.Create(HalfMagnitude)) << 13).AsSingle() * Vector128.Create(HalfExponentShift)
        | ((bits & Vector128.Create(HalfSign)) << 16).AsSingle();
}
