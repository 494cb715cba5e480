using System.Collections.Concurrent;

namespace JobTitleStudio.Web.Features.Datasets;

/// <summary>
/// How far each running import has read its file (0 to 1), kept in memory: it changes with every chunk and is worth
/// nothing once the import ends. Absent for a workbook, whose read position says nothing about rows.
/// </summary>
public sealed class DatasetProgress
{
    private readonly ConcurrentDictionary<int, double> _fractions = new();

    public void Report(int id, double? fraction)
    {
        if (fraction is { } known)
        {
            _fractions[id] = known;
        }
    }

    public void Forget(int id) => _fractions.TryRemove(id, out _);

    public double? Find(int id) => _fractions.TryGetValue(id, out var fraction) ? fraction : null;
}
