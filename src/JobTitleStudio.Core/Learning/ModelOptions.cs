namespace JobTitleStudio.Core.Learning;

/// <summary>Every training default in one place; saved inside the model file.</summary>
public sealed record ModelOptions
{
    public LinearOptions Linear { get; init; } = new();

    public NaiveBayesOptions NaiveBayes { get; init; } = new();

    public NeighbourOptions Neighbours { get; init; } = new();

    public BlendOptions Blend { get; init; } = new();

    public void Validate()
    {
        Linear.Validate();
        NaiveBayes.Validate();
        Neighbours.Validate();
        Blend.Validate();
    }
}
