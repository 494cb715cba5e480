using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Batches;

/// <summary>
/// What a batch keeps of one title's prediction: its prediction cells, ready to write, and the winning
/// labels per axis for the summary. A full <see cref="TitlePrediction"/> (normalised tokens, ranked
/// scores) weighs several times more, and a batch remembers one answer per distinct title.
/// </summary>
public sealed class BatchAnswer
{
    public BatchAnswer(TitlePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var cells = new string?[prediction.Axes.Count * PredictionColumns.CellsPerAxis];
        PredictionColumns.Fill(cells, 0, prediction, prediction.Axes.Count);
        Cells = cells!;
        Labels = [.. prediction.Axes.Select(a => a.Labels.Count > 1 ? a.Labels : (IReadOnlyList<string>)[a.Label])];
        Abstained = prediction.Axes.Any(a => a.Abstained);
    }

    /// <summary>The cells of <see cref="PredictionColumns.Headers"/>, axis by axis.</summary>
    public IReadOnlyList<string> Cells { get; }

    /// <summary>Per axis, the label written in its <c>.label</c> cell (several on a multi-label axis).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Labels { get; }

    /// <summary>True when at least one axis abstained.</summary>
    public bool Abstained { get; }
}
