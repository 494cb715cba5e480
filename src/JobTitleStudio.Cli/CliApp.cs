using JobTitleStudio.Cli.Commands;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Tables;

namespace JobTitleStudio.Cli;

/// <summary>
/// The <c>jts</c> entry point. Standard output carries data only (CSV, JSON); every message goes to
/// standard error, so output can be piped into another tool. Exit codes: 0 done, 1 failed, 2 the
/// command line or an input needs fixing.
/// </summary>
public static class CliApp
{
    public const string Usage = """
        jts: classify job titles from the command line.

          jts train    --input FILE --title-column COL --label-column AXIS=COL [--label-column ...] --model OUT
                       [--threshold AXIS=P] [--other AXIS=NAME] [--multi-label AXIS]
          jts classify [--model M] --input FILE --title-column COL --output FILE|- [--top N]
          jts eval     [--model M] --input FILE --title-column COL --label-column AXIS=COL [...]
          jts learn    [--model M] --title T --axis A --label L [--output FILE]
          jts report inconsistencies --input FILE --title-column COL --label-column AXIS=COL [...]
          jts build-default [--source DIR] [--model OUT]
          jts build-text-tables --output DIR   (regenerates models/text from the reference data)

        FILE is CSV, TSV, TXT or XLSX (encoding, delimiter and header are detected). --model defaults
        to the shipped model. Output format follows the extension (.csv, .tsv, .xlsx); '-' writes CSV
        to standard output. Multi-label cells hold labels joined by ';'.
        """;

    public static int Run(string[] args, Stream stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            using var help = new CliOutput(stdout, stderr);
            (args.Length == 0 ? stderr : help.Data).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        using var output = new CliOutput(stdout, stderr);
        try
        {
            var rest = args.Skip(1);
            return args[0] switch
            {
                "train" => TrainCommand.Run(new CommandLine(rest), output),
                "classify" => ClassifyCommand.Run(new CommandLine(rest), output),
                "eval" => EvalCommand.Run(new CommandLine(rest), output),
                "learn" => LearnCommand.Run(new CommandLine(rest), output),
                "report" => ReportCommand.Run(args.Skip(1).ToArray(), output),
                "build-default" => BuildDefaultCommand.Run(new CommandLine(rest), output),
                "build-text-tables" => BuildTextTablesCommand.Run(new CommandLine(rest), output),
                _ => throw new CliException($"Unknown verb '{args[0]}'; run 'jts help' for the verbs."),
            };
        }
        catch (CliException e)
        {
            stderr.WriteLine($"jts: {e.Message}");
            return 2;
        }
        catch (TableFormatException e)
        {
            stderr.WriteLine($"jts: {e.Message}");
            return 2;
        }
        catch (ModelFileException e)
        {
            stderr.WriteLine($"jts: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"jts: {e.Message}");
            return 1;
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"jts: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NotSupportedException)
        {
            stderr.WriteLine($"jts: {e.Message}");
            return 1;
        }
    }
}

/// <summary>Where a command writes: data (CSV, JSON) to standard output, messages to <see cref="Messages"/>.</summary>
public sealed class CliOutput(Stream dataStream, TextWriter messages) : IDisposable
{
    private StreamWriter? _data;

    /// <summary>The raw standard output, for table writers.</summary>
    public Stream DataStream { get; } = dataStream;

    /// <summary>Standard output as text, for JSON.</summary>
    public TextWriter Data => _data ??= new StreamWriter(DataStream, new System.Text.UTF8Encoding(false), leaveOpen: true);

    public TextWriter Messages { get; } = messages;

    public void Dispose() => _data?.Dispose();
}
