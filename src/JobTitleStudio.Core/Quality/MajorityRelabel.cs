namespace JobTitleStudio.Core.Quality;

/// <summary>One inconsistent title that relabelling to majority settles: every record of it gets <see cref="Labels"/>.</summary>
/// <param name="RecordsChanging">The title's records that do not carry the majority combination yet.</param>
public sealed record MajorityTarget(string NormalizedTitle, IReadOnlyList<string> Labels, int RecordsChanging);

/// <summary>What relabelling to majority would do: the titles it settles, the records it changes, the tied titles it leaves alone.</summary>
public sealed record MajorityPlan(IReadOnlyList<MajorityTarget> Targets, IReadOnlyList<string> TiedTitles)
{
    public int RecordsChanging => Targets.Sum(t => t.RecordsChanging);
}

/// <summary>
/// Relabel to majority: each inconsistent title takes its rank-1 label combination, but only when that combination is
/// more frequent than every other; a title whose top combinations tie has no majority and is skipped.
/// </summary>
public static class MajorityRelabel
{
    public static MajorityPlan Plan(IReadOnlyList<InconsistencyRow> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var targets = new List<MajorityTarget>();
        var tied = new List<string>();
        foreach (var title in report.GroupBy(r => r.NormalizedTitle, StringComparer.Ordinal))
        {
            var ranked = title.OrderBy(r => r.Rank).ToList();
            if (ranked.Count > 1 && ranked[0].RecordCount == ranked[1].RecordCount)
            {
                tied.Add(title.Key);
                continue;
            }
            targets.Add(new MajorityTarget(title.Key, ranked[0].Labels, ranked[0].TotalCount - ranked[0].RecordCount));
        }
        return new MajorityPlan(targets, tied);
    }
}
