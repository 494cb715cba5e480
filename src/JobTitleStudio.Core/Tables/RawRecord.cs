namespace JobTitleStudio.Core.Tables;

/// <summary>A problem found while splitting a record, before column names are known.</summary>
internal readonly record struct CellProblem(TableIssueKind Kind, int ColumnNumber, int Length);

/// <summary>One record as split from the source, before header and width checks.</summary>
internal sealed record RawRecord(long RecordNumber, long LineNumber, string[] Cells, List<CellProblem>? Problems);

/// <summary>A source of records: delimited text or a worksheet.</summary>
internal interface IRecordSource : IDisposable
{
    /// <summary>False when a short row is normal (a worksheet leaves trailing empty cells out).</summary>
    bool ReportsMissingCells { get; }

    RawRecord? Next();
}
