using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// The softmax and the blend's logs in fewer passes. A prediction runs them over every category of every axis (1,017 on
/// Occupation); as chains of TensorPrimitives calls (max, subtract, exp, sum, divide, then the skip test's max; add,
/// log, multiply, max for the blend) each step was a pass of its own and, on the small axes, a call whose checks and
/// dispatch cost more than its dozen floats. Here the maximum comes out of the pass that writes the values, and the
/// elementwise steps of a chain run in one pass with the same float operations in the same order per element
/// (<see cref="Vector512.Exp(Vector512{float})"/> and <see cref="Vector512.Log(Vector512{float})"/> are what
/// TensorPrimitives uses, with the same floats at every vector width), so every result is bit for bit the chain's.
/// Sums stay with <see cref="TensorPrimitives.Sum{T}(ReadOnlySpan{T})"/>: a fused sum would add in another order.
/// Below 8 floats (where TensorPrimitives takes the scalar <see cref="MathF.Exp"/> under 4) and without vector
/// hardware the chains themselves run.
/// </summary>
internal static class Probability
{
    /// <summary>What the blend adds to a probability before its log, so that 0 has one.</summary>
    public const float LogEpsilon = 1e-6f;

    private const int MinVectorLength = 8;

    private const int ChainedExpLength = 64;

    /// <summary>
    /// Softmax in place, shifted by the maximum first: TensorPrimitives.SoftMax exponentiates the raw
    /// scores, which underflows to 0/0 for log-likelihoods in the hundreds.
    /// </summary>
    /// <returns>The largest probability, found in the normalising pass.</returns>
    public static float SoftMax(Span<float> scores)
    {
        ExpShifted(scores, Max(scores));
        return Map(new Divide(TensorPrimitives.Sum(scores)), scores, scores, scores);
    }

    /// <summary>The largest value (<see cref="TensorPrimitives.Max{T}(ReadOnlySpan{T})"/> for values without NaN).</summary>
    public static float Max(ReadOnlySpan<float> values)
    {
        var n = values.Length;
        ref var x = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            var last = (nuint)(n - Vector512<float>.Count);
            var max0 = Vector512.LoadUnsafe(ref x, last);
            var max1 = Vector512.LoadUnsafe(ref x);
            var i = (nuint)Vector512<float>.Count;
            for (; i + (nuint)Vector512<float>.Count <= last; i += 2 * (nuint)Vector512<float>.Count)
            {
                max0 = Vector512.MaxNative(max0, Vector512.LoadUnsafe(ref x, i));
                max1 = Vector512.MaxNative(max1, Vector512.LoadUnsafe(ref x, i + (nuint)Vector512<float>.Count));
            }
            if (i < last)
            {
                max0 = Vector512.MaxNative(max0, Vector512.LoadUnsafe(ref x, i));
            }
            return Largest(Vector512.MaxNative(max0, max1));
        }
        if (Vector256.IsHardwareAccelerated && n >= MinVectorLength)
        {
            var max0 = Vector256.LoadUnsafe(ref x);
            var max1 = Vector256.LoadUnsafe(ref x, (nuint)(n - Vector256<float>.Count));
            for (var i = Vector256<float>.Count; i < n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                max0 = Vector256.MaxNative(max0, Vector256.LoadUnsafe(ref x, (nuint)i));
            }
            return Largest(Vector256.MaxNative(max0, max1));
        }
        return TensorPrimitives.Max(values);
    }

    /// <summary>
    /// values = exp(values - shift), in place. From <see cref="ChainedExpLength"/> floats up the chain runs instead: on
    /// 1,017 floats TensorPrimitives' Exp loop (eight vectors a step) plus its subtract pass measured ~15 % faster than
    /// the one fused pass, which pays off only below that, where a call's checks and dispatch weigh.
    /// </summary>
    public static void ExpShifted(Span<float> values, float shift)
    {
        if (values.Length >= ChainedExpLength)
        {
            new ExpMinus(shift).Chain(values, values, values);
            return;
        }
        Map(new ExpMinus(shift), values, values, values);
    }

    /// <summary>into = weight * log(p + <see cref="LogEpsilon"/>); returns its largest value.</summary>
    public static float WeightedLogs(ReadOnlySpan<float> probabilities, float weight, Span<float> into) =>
        Map(new WeightedLog(weight), probabilities, probabilities, into);

    /// <summary>
    /// into = weight * log(p + ε) + otherWeight * log(q + ε), the second product added to the first after both are
    /// rounded (as TensorPrimitives.MultiplyAdd adds); returns its largest value.
    /// </summary>
    public static float WeightedLogs(ReadOnlySpan<float> p, float weight, ReadOnlySpan<float> q, float otherWeight, Span<float> into) =>
        Map(new TwoWeightedLogs(weight, otherWeight), p, q, into);

    /// <summary>values = values * scale + offset, in place (the softmax's normalising and a uniform mixed in).</summary>
    public static void ScaleAndShift(Span<float> values, float scale, float offset) => Map(new ScaleShift(scale, offset), values, values, values);

    /// <summary>
    /// into[i] = op(x[i], y[i]) over the whole span in vectors, the last one overlapping the one before it when the
    /// length is not a multiple of the width: its inputs are loaded before the loop writes, so <paramref name="into"/>
    /// may be <paramref name="x"/> or <paramref name="y"/>. Returns the largest result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Map<TOp>(TOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> into)
        where TOp : struct, IElementwise
    {
        var n = into.Length;
        if (x.Length != n || y.Length != n)
        {
            throw new ArgumentException("The inputs must be as long as the output.", nameof(into));
        }
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var ry = ref MemoryMarshal.GetReference(y);
        ref var rd = ref MemoryMarshal.GetReference(into);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            var last = (nuint)(n - Vector512<float>.Count);
            var end = op.Invoke(Vector512.LoadUnsafe(ref rx, last), Vector512.LoadUnsafe(ref ry, last));
            var max = end;
            for (nuint i = 0; i < last; i += (nuint)Vector512<float>.Count)
            {
                var value = op.Invoke(Vector512.LoadUnsafe(ref rx, i), Vector512.LoadUnsafe(ref ry, i));
                value.StoreUnsafe(ref rd, i);
                max = Vector512.MaxNative(max, value);
            }
            end.StoreUnsafe(ref rd, last);
            return Largest(max);
        }
        if (Vector256.IsHardwareAccelerated && n >= MinVectorLength)
        {
            var last = (nuint)(n - Vector256<float>.Count);
            var end = op.Invoke(Vector256.LoadUnsafe(ref rx, last), Vector256.LoadUnsafe(ref ry, last));
            var max = end;
            for (nuint i = 0; i < last; i += (nuint)Vector256<float>.Count)
            {
                var value = op.Invoke(Vector256.LoadUnsafe(ref rx, i), Vector256.LoadUnsafe(ref ry, i));
                value.StoreUnsafe(ref rd, i);
                max = Vector256.MaxNative(max, value);
            }
            end.StoreUnsafe(ref rd, last);
            return Largest(max);
        }
        op.Chain(x, y, into);
        return TensorPrimitives.Max<float>(into);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Largest(Vector512<float> values) => Largest(Vector256.MaxNative(values.GetLower(), values.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Largest(Vector256<float> values)
    {
        var max = Vector128.MaxNative(values.GetLower(), values.GetUpper());
        max = Vector128.MaxNative(max, Vector128.Shuffle(max, Vector128.Create(2, 3, 0, 1)));
        return MathF.Max(max.ToScalar(), max.GetElement(1));
    }

    /// <summary>An elementwise step at two vector widths, and as the TensorPrimitives chain it replaces for short spans.</summary>
    private interface IElementwise
    {
        Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);

        Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

        void Chain(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> into);
    }

    private readonly struct ExpMinus(float shift) : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Exp(x - Vector512.Create(shift));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Exp(x - Vector256.Create(shift));

        public void Chain(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> into)
        {
            TensorPrimitives.Subtract(x, shift, into);
            TensorPrimitives.Exp(into, into);
        }
    }

    private readonly struct Divide(float divisor) : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x / Vector512.Create(divisor);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x / Vector256.Create(divisor);

        public void Chain(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> into) => TensorPrimitives.Divide(x, divisor, into);
    }

    private readonly struct WeightedLog(float weight) : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) =>
            Vector512.Log(x + Vector512.Create(LogEpsilon)) * Vector512.Create(weight);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) =>
            Vector256.Log(x + Vector256.Create(LogEpsilon)) * Vector256.Create(weight);

        public void Chain(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> into)
        {
            TensorPrimitives.Add(x, LogEpsilon, into);
            TensorPrimitives.Log(into, into);
            TensorPrimitives.Multiply(into, weight, into);
        }
    }

    private readonly struct TwoWeightedLogs(float weight, float otherWeight) : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y)
        {
            var epsilon = Vector512.Create(LogEpsilon);
            return Vector512.Log(y + epsilon) * Vector512.Create(otherWeight) + Vector512.Log(x + epsilon) * Vector512.Create(weight);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y)
        {
            var epsilon = Vector256.Create(LogEpsilon);
            return Vector256.Log(y + epsilon) * Vector256.Create(otherWeight) + Vector256.Log(x + epsilon) * Vector256.Create(weight);
        }

        public void Chain(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> into)
        {
            new WeightedLog(weight).Chain(x, x, into);
            Span<float> logs = into.Length <= 64 ? stackalloc float[into.Length] : new float[into.Length];
            TensorPrimitives.Add(y, LogEpsilon, logs);
            TensorPrimitives.Log(logs, logs);
            TensorPrimitives.MultiplyAdd(logs, otherWeight, into, into);
        }
    }

    private readonly struct ScaleShift(float scale, float offset) : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x * Vector512.Create(scale) + Vector512.Create(offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x * Vector256.Create(scale) + Vector256.Create(offset);

        public void Chain(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> into)
        {
            for (var i = 0; i < into.Length; i++)
            {
                into[i] = x[i] * scale + offset;
            }
        }
    }
}
