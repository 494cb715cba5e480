using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using JobTitleStudio.Web.Hosting;

namespace JobTitleStudio.E2E.Support;

/// <summary>
/// `dotnet publish` output of the web project, started as its own process in Production from an unrelated
/// working directory: what a deployment runs.
/// </summary>
public sealed partial class PublishedStudio : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;

    private PublishedStudio(string folder, Process process, StringBuilder output, Uri baseAddress)
    {
        Folder = folder;
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public string Folder { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Publishes (without rebuilding: the test run already built it) into a fresh temp folder and starts it.</summary>
    public static async Task<PublishedStudio> PublishAndStartAsync(string tempRoot)
    {
        var project = Path.Combine(ContentRootLocator.Find(), "src", "JobTitleStudio.Web", "JobTitleStudio.Web.csproj");
        var configuration = typeof(PublishedStudio).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;
        var folder = Path.Combine(tempRoot, "publish");
        var publish = await RunToEndAsync("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", folder]);
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{publish.Output}");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(folder, "JobTitleStudio.Web.dll"), "--urls", "http://127.0.0.1:0" },
            WorkingDirectory = tempRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
        };
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Collect(e.Data, output, listening);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, output, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the published app exited"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var address = await listening.Task.WaitAsync(StartTimeout);
            return new PublishedStudio(folder, process, output, address);
        }
        catch (Exception exception)
        {
            await StopAsync(process);
            string log;
            lock (output)
            {
                log = output.ToString();
            }

            throw new InvalidOperationException($"The published app did not start listening: {exception.Message}\n{log}", exception);
        }
    }

    private static void Collect(string? line, StringBuilder output, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(new Uri(match.Groups["address"].Value));
        }
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://\S+)")]
    private static partial Regex ListeningLine();

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync(_process);
}
