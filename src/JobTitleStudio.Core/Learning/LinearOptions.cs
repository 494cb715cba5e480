namespace JobTitleStudio.Core.Learning;

/// <summary>
/// The fastText-style linear learner: features hashed into <see cref="Buckets"/> embedding rows of width
/// <see cref="Dimension"/>, averaged, then a softmax (or one-vs-rest sigmoid) output layer.
/// </summary>
public sealed record LinearOptions
{
    /// <summary>Embedding rows; feature ids are folded into this many (memory is Buckets x Dimension floats).</summary>
    public int Buckets { get; init; } = 1 << 17;

    public int Dimension { get; init; } = 100;

    public int Epochs { get; init; } = 15;

    /// <summary>Initial step of a full training run; it decays linearly to zero like fastText.</summary>
    public float LearningRate { get; init; } = 1f;

    /// <summary>
    /// Step used for one correction. Small, because the exact-title memory already makes the corrected title
    /// answer its label: the linear step only nudges similar titles. A larger step makes learning pay off
    /// sooner but moves the answers for every other title: on the O*NET split (benchmark verb drift), 1,000
    /// corrections moved held-out top-1 by -1.14 points with 3 steps at 0.3 (prequential accuracy 0.544),
    /// -0.57 with 1 at 0.3 (0.516), +0.02 with 1 at 0.1 (0.492); 1 at 0.2 is between (docs/BENCHMARKS.md).
    /// </summary>
    public float UpdateLearningRate { get; init; } = 0.2f;

    public int UpdateSteps { get; init; } = 1;

    public int Seed { get; init; } = 17;

    public void Validate()
    {
        if (Buckets < 1 || Buckets > 1 << 24)
        {
            throw new ArgumentOutOfRangeException(nameof(Buckets), $"Linear Buckets is {Buckets}; use 1..16,777,216 (default {1 << 17}).");
        }
        if (Dimension is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Dimension), $"Linear Dimension is {Dimension}; use 1..1024 (default 100).");
        }
        if (Epochs is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"Linear Epochs is {Epochs}; use 1..1000 (default 15).");
        }
        if (!(LearningRate > 0 && LearningRate <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"Linear LearningRate is {LearningRate}; use a value in (0, 10] (default 1).");
        }
        if (!(UpdateLearningRate > 0 && UpdateLearningRate <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(UpdateLearningRate), $"Linear UpdateLearningRate is {UpdateLearningRate}; use a value in (0, 10] (default 0.2).");
        }
        if (UpdateSteps is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(UpdateSteps), $"Linear UpdateSteps is {UpdateSteps}; use 1..100 (default 1).");
        }
    }
}
