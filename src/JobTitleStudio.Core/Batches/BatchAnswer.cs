using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Batches;

/// <summary>
/// What a batch keeps of one title's prediction: its prediction cells, ready to write, and the winning
/// labels per axis for the summary. A batch remembers one answer per distinct title (330,000 in the users'
/// 1.6-million-row file), so an answer holds little beyond its cells: a single-label axis's label is its
/// label cell, and probability cells can be shared between answers (<see cref="BatchClassifier"/> does).
/// </summary>
public sealed class BatchAnswer
{
    private readonly string[] _cells;
    private readonly string[]?[]? _severalLabels;

    public BatchAnswer(TitlePrediction prediction)
        : this(prediction, null)
    {
    }

    /// <param name="sharedTexts">Cell texts already kept by other answers; probability cells are taken from it (and added to it).</param>
    internal BatchAnswer(TitlePrediction prediction, Dictionary<string, string>? sharedTexts)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var axisCount = prediction.Axes.Count;
        var cells = new string?[axisCount * PredictionColumns.CellsPerAxis];
        PredictionColumns.Fill(cells, 0, prediction, axisCount);
        for (var a = 0; a < axisCount; a++)
        {
            var axis = prediction.Axes[a];
            if (axis.Labels.Count > 1)
            {
                (_severalLabels ??= new string[]?[axisCount])[a] = [.. axis.Labels];
            }
            if (sharedTexts is not null)
            {
                var at = (a * PredictionColumns.CellsPerAxis) + 1;
                var probability = cells[at]!;
                if (!sharedTexts.TryGetValue(probability, out var shared))
                {
                    sharedTexts[probability] = shared = probability;
                }
                cells[at] = shared;
            }
            Abstained |= axis.Abstained;
        }
        _cells = cells!;
    }

    /// <summary>The cells of <see cref="PredictionColumns.Headers"/>, axis by axis.</summary>
    public IReadOnlyList<string> Cells => _cells;

    /// <summary>True when at least one axis abstained.</summary>
    public bool Abstained { get; }

    public int AxisCount => _cells.Length / PredictionColumns.CellsPerAxis;

    /// <summary>The labels written in an axis's <c>.label</c> cell: one, or several on a multi-label axis.</summary>
    public ReadOnlySpan<string> LabelsOf(int axis) =>
        _severalLabels?[axis] is { } several ? several : new ReadOnlySpan<string>(in _cells[axis * PredictionColumns.CellsPerAxis]);
}
