using System.Diagnostics;
using System.Globalization;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Cli.Commands;

/// <summary>
/// <c>jts build-text-tables --output models/text</c>: derives the normaliser's and language guesser's tables
/// from the reference data (run after changing models/abbreviations.tsv or models/source, then commit them).
/// </summary>
public static class BuildTextTablesCommand
{
    public static int Run(CommandLine options, CliOutput output)
    {
        var directory = options.Required("output");
        options.RejectUnknown();

        var clock = Stopwatch.StartNew();
        TextTables.Generate(directory);
        var bytes = TextTables.Files.Sum(f => new FileInfo(Path.Combine(directory, f)).Length);
        output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {TextTables.Files.Count} text tables ({bytes / 1e3:0} KB) to {directory} in {clock.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }
}
