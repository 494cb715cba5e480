namespace JobTitleStudio.Core.Learning;

/// <summary>How the learners' probabilities become one prediction per axis.</summary>
public sealed record BlendOptions
{
    /// <summary>Share of distinct normalised titles held out to fit the blend weights (then learned too).</summary>
    public double HeldOutFraction { get; init; } = 0.1;

    /// <summary>
    /// Upper bound on held-out titles used for fitting. A held-out title is learned by the linear model in one
    /// short pass after the fit instead of every epoch, so each costs a little accuracy on titles like it: on
    /// the O*NET split 2,000 instead of 4,000 gave top-1 +0.001 to +0.004 and top-5 -0.001 to +0.004 over four pairs
    /// of runs, and is still enough to fit the ranking.
    /// </summary>
    public int MaxHeldOutTitles { get; init; } = 2000;

    /// <summary>
    /// With at least <c>BlendFitter.MinRankingTitles</c> (1,000) held-out titles on a single-label axis of at
    /// least <c>BlendFitter.MinRankingCategories</c> (100) categories, choose
    /// the weights' ratios for the most held-out labels ranked first and in the top 5, and only their scale by
    /// log-loss; false: every weight by log-loss (what models trained before this option did).
    /// </summary>
    public bool FitRanking { get; init; } = true;

    /// <summary>Pseudo-mass of the neighbour vote: with weak neighbours the vote stays close to uniform.</summary>
    public float VoteSmoothing { get; init; } = 0.3f;

    /// <summary>Weight of an imported exact-title match mixed into the blended probabilities.</summary>
    public float MemoryWeight { get; init; } = 0.5f;

    /// <summary>
    /// Probability mass given to an analyst's correction of the exact title. Above 0.5, so the corrected
    /// label always wins whatever the other learners say.
    /// </summary>
    public float CorrectionProbability { get; init; } = 0.9f;

    /// <summary>
    /// Weight, in titles, of a uniform prior mixed into every blended prediction: an axis learned from n
    /// titles moves n / (n + PriorTitles) of the mass away from uniform. With 20 titles no answer is more
    /// than ~95% certain; with 100,000 the prior is invisible.
    /// </summary>
    public float PriorTitles { get; init; } = 1f;

    public void Validate()
    {
        if (!(HeldOutFraction >= 0 && HeldOutFraction < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(HeldOutFraction), $"Blend HeldOutFraction is {HeldOutFraction}; use [0, 0.5) (default 0.1; 0 keeps the default weights).");
        }
        if (MaxHeldOutTitles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHeldOutTitles), $"Blend MaxHeldOutTitles is {MaxHeldOutTitles}; use a positive number (default 2000).");
        }
        if (!(VoteSmoothing > 0 && VoteSmoothing <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(VoteSmoothing), $"Blend VoteSmoothing is {VoteSmoothing}; use a value in (0, 100] (default 0.3).");
        }
        if (!(MemoryWeight >= 0 && MemoryWeight <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryWeight), $"Blend MemoryWeight is {MemoryWeight}; use [0, 1] (default 0.5).");
        }
        if (!(PriorTitles >= 0 && PriorTitles <= 1_000_000))
        {
            throw new ArgumentOutOfRangeException(nameof(PriorTitles), $"Blend PriorTitles is {PriorTitles}; use [0, 1000000] (default 1).");
        }
        if (!(CorrectionProbability > 0.5f && CorrectionProbability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CorrectionProbability), $"Blend CorrectionProbability is {CorrectionProbability}; use (0.5, 1) so a correction always wins (default 0.9).");
        }
    }
}
