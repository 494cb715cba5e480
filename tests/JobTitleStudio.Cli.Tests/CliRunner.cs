using System.Text;

namespace JobTitleStudio.Cli.Tests;

/// <summary>Runs <c>jts</c> in process and keeps what it wrote to standard output and standard error apart.</summary>
public sealed record CliResult(int ExitCode, string Data, string Messages);

public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var data = new MemoryStream();
        using var messages = new StringWriter();
        var code = CliApp.Run(args, data, messages);
        return new CliResult(code, Encoding.UTF8.GetString(data.ToArray()), messages.ToString());
    }
}

/// <summary>A fresh folder per test, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("jts-cli-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
