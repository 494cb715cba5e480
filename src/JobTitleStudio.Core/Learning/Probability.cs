using System.Numerics.Tensors;

namespace JobTitleStudio.Core.Learning;

internal static class Probability
{
    /// <summary>
    /// Softmax in place, shifted by the maximum first: TensorPrimitives.SoftMax exponentiates the raw
    /// scores, which underflows to 0/0 for log-likelihoods in the hundreds.
    /// </summary>
    public static void SoftMax(Span<float> scores)
    {
        var max = TensorPrimitives.Max(scores);
        TensorPrimitives.Subtract(scores, max, scores);
        TensorPrimitives.Exp(scores, scores);
        TensorPrimitives.Divide(scores, TensorPrimitives.Sum(scores), scores);
    }
}
