namespace JobTitleStudio.Core.Learning;

public sealed record NeighbourOptions
{
    /// <summary>Neighbours that vote on a prediction.</summary>
    public int K { get; init; } = 20;

    /// <summary>
    /// Features whose posting list is longer than this are skipped while gathering candidates (they are
    /// the "manager"s and "senior"s that match half the index); candidates are then rescored with the full
    /// cosine, so those features still count in the similarity.
    /// </summary>
    public int MaxPostings { get; init; } = 300;

    /// <summary>
    /// Postings read per query, rarest features first; the search stops gathering candidates once it is
    /// spent. Bounds the cost of a query whatever the title.
    /// </summary>
    public int PostingBudget { get; init; } = 1000;

    /// <summary>Candidates rescored with the exact cosine, best partial scores first.</summary>
    public int Candidates { get; init; } = 24;

    /// <summary>A neighbour votes with similarity raised to this power, so near-duplicates dominate.</summary>
    public float VotePower { get; init; } = 2f;

    /// <summary>
    /// The search is skipped when the linear model alone gives at least this probability to its best category
    /// on every predicted single-label axis (and no nearest titles are asked for): the vote would not change
    /// such an answer, and the search is the most expensive part of a prediction. Null: always search.
    /// Saved with the model's options, so a file keeps the threshold it was built with. 0.6 ranks as 0.8 did on the
    /// O*NET split and the default table (within 0.001) and is better calibrated there, while a third more titles skip.
    /// </summary>
    public float? SkipSearchAbove { get; init; } = 0.6f;

    public void Validate()
    {
        if (K is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(K), $"Neighbour K is {K}; use 1..1000 (default 20).");
        }
        if (MaxPostings < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPostings), $"Neighbour MaxPostings is {MaxPostings}; use a positive cap (default 300).");
        }
        if (PostingBudget < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PostingBudget), $"Neighbour PostingBudget is {PostingBudget}; use a positive number (default 1000).");
        }
        if (Candidates < K)
        {
            throw new ArgumentOutOfRangeException(nameof(Candidates), $"Neighbour Candidates is {Candidates}; it must be at least K ({K}).");
        }
        if (SkipSearchAbove is { } skip && !(skip > 0 && skip <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SkipSearchAbove), $"Neighbour SkipSearchAbove is {skip}; use a probability in (0, 1], or null to always search (default 0.6).");
        }
        if (!(VotePower > 0 && VotePower <= 64))
        {
            throw new ArgumentOutOfRangeException(nameof(VotePower), $"Neighbour VotePower is {VotePower}; use a value in (0, 64] (default 2).");
        }
    }
}
