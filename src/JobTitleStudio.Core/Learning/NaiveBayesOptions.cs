namespace JobTitleStudio.Core.Learning;

public sealed record NaiveBayesOptions
{
    /// <summary>
    /// Additive (Lidstone) smoothing of every feature count. Small, because feature values are fractions
    /// (the featurizer scales each title to unit length): on the O*NET split 0.005 gave top-1 0.457 alone,
    /// 0.1 gave 0.314 and 1 gave 0.112.
    /// </summary>
    public float Alpha { get; init; } = 0.005f;

    /// <summary>
    /// Rows per chunk (log2) of the overlay of features changed since the flat counts were built. A
    /// correction copies the chunk and the page (64 chunk references) of each of its features, and the root
    /// (one reference per page); 2^4 keeps all three under a kilobyte or so for a 2^20-feature table (a 8 KB root).
    /// </summary>
    public int ChunkRowsLog2 { get; init; } = 4;

    public void Validate()
    {
        if (!(Alpha > 0 && Alpha <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), $"NaiveBayes Alpha is {Alpha}; use a value in (0, 100] (default 0.005).");
        }
        if (ChunkRowsLog2 is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkRowsLog2), $"NaiveBayes ChunkRowsLog2 is {ChunkRowsLog2}; use 0..16 (default 4).");
        }
    }
}
