namespace JobTitleStudio.Core.Learning;

public sealed record NaiveBayesOptions
{
    /// <summary>Additive (Lidstone) smoothing of every feature count.</summary>
    public float Alpha { get; init; } = 0.1f;

    /// <summary>Rows per chunk (log2) of the posting table; smaller chunks make a correction copy less.</summary>
    public int ChunkRowsLog2 { get; init; } = 6;

    public void Validate()
    {
        if (!(Alpha > 0 && Alpha <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), $"NaiveBayes Alpha is {Alpha}; use a value in (0, 100] (default 0.1).");
        }
        if (ChunkRowsLog2 is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkRowsLog2), $"NaiveBayes ChunkRowsLog2 is {ChunkRowsLog2}; use 0..16 (default 6).");
        }
    }
}
