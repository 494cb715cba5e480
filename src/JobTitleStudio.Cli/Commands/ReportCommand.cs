using System.Globalization;
using JobTitleStudio.Core.Quality;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Cli.Commands;

/// <summary><c>jts report KIND</c>: label-quality reports on a labelled file, as CSV on standard output.</summary>
public static class ReportCommand
{
    public static int Run(string[] args, CliOutput output)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new CliException("Name the report: jts report inconsistencies --input FILE --title-column COL --label-column AXIS=COL ...");
        }
        return args[0] switch
        {
            "inconsistencies" => Inconsistencies(new CommandLine(args.Skip(1)), output),
            _ => throw new CliException($"Unknown report '{args[0]}'; the reports are: inconsistencies."),
        };
    }

    private static int Inconsistencies(CommandLine options, CliOutput output)
    {
        var input = LabelledInput.Read(options, output);
        options.RejectUnknown();
        var normalizer = TitleNormalizer.Shipped;
        var rows = InconsistencyReport.Build(
            input.Rows.Select(r => new LabelledTitle(r.Title, r.Labels)),
            title => normalizer.Normalize(title).Normalized);

        using var writer = TableWriter.Create(output.DataStream, TableFileFormat.Csv, leaveOpen: true);
        writer.WriteRow(["title", "normalized_title", .. input.Axes, "record_count", "total_count", "combinations", "rank", "variance"]);
        foreach (var row in rows)
        {
            writer.WriteRow([
                row.Title, row.NormalizedTitle, .. row.Labels,
                Number(row.RecordCount), Number(row.TotalCount), Number(row.Combinations), Number(row.Rank),
                row.Variance.ToString("R", CultureInfo.InvariantCulture),
            ]);
        }
        output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Select(r => r.NormalizedTitle).Distinct().Count()} titles carry more than one label combination ({rows.Count} rows)."));
        return 0;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
