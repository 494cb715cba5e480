using System.Globalization;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.Batches;

/// <summary>
/// The prediction columns that every classified file carries after the input columns, the same for
/// <c>jts classify</c> and batch downloads: per axis <c>&lt;Axis&gt;.label</c>, <c>.probability</c>,
/// <c>.abstained</c> and <c>.top</c> (<c>label:probability</c> pairs joined by <c>|</c>, best first).
/// A multi-label axis writes every label at or above its threshold, joined by <c>;</c>.
/// </summary>
public static class PredictionColumns
{
    public const int CellsPerAxis = 4;

    public static IReadOnlyList<string> Headers(IEnumerable<AxisDefinition> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var headers = new List<string>();
        foreach (var axis in axes)
        {
            headers.Add($"{axis.Name}.label");
            headers.Add($"{axis.Name}.probability");
            headers.Add($"{axis.Name}.abstained");
            headers.Add($"{axis.Name}.top");
        }
        return headers;
    }

    /// <summary>Writes the cells of one prediction into <paramref name="row"/> from <paramref name="offset"/> on; a null prediction (a junk title) leaves them empty.</summary>
    public static void Fill(string?[] row, int offset, TitlePrediction? prediction, int axisCount)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (prediction is null)
        {
            Array.Fill(row, string.Empty, offset, axisCount * CellsPerAxis);
            return;
        }
        for (var a = 0; a < prediction.Axes.Count; a++)
        {
            var axis = prediction.Axes[a];
            var at = offset + (a * CellsPerAxis);
            row[at] = axis.Labels.Count > 1 ? string.Join(';', axis.Labels) : axis.Label;
            row[at + 1] = Probability(axis.Probability);
            row[at + 2] = axis.Abstained ? "true" : "false";
            row[at + 3] = string.Join('|', axis.Top.Select(t => $"{t.Category}:{Probability(t.Probability)}"));
        }
    }

    /// <summary>Copies a batch answer's cells into <paramref name="row"/> from <paramref name="offset"/> on; a null answer (a junk title) leaves them empty.</summary>
    public static void Fill(string?[] row, int offset, BatchAnswer? answer, int axisCount)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (answer is null)
        {
            Array.Fill(row, string.Empty, offset, axisCount * CellsPerAxis);
            return;
        }
        for (var c = 0; c < answer.Cells.Count; c++)
        {
            row[offset + c] = answer.Cells[c];
        }
    }

    /// <summary>Four decimals: enough to rank and threshold, short enough to keep files small.</summary>
    public static string Probability(float value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
