using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace JobTitleStudio.Benchmarks.Batches;

/// <summary>
/// <c>batches</c>: a generated leads file through the web API end to end (upload, classify, download CSV
/// and XLSX) with the server as its own process, then the same file through <c>jts classify</c>; reports
/// rows per second, wall time and each process's peak resident memory, and checks both outputs are byte-identical.
/// </summary>
internal static class BatchBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int Run(string[] args)
    {
        var repo = FindRepository();
        var rows = long.Parse(Option(args, "--rows") ?? "1600000", CultureInfo.InvariantCulture);
        var distinct = int.Parse(Option(args, "--distinct") ?? "330000", CultureInfo.InvariantCulture);
        var configuration = Option(args, "--configuration") ?? "Release";
        var model = Option(args, "--model")
            ?? Directory.EnumerateFiles(Path.Combine(repo, "models", "cache"), "default-*.jtsm").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new InvalidOperationException("No cached default model in models/cache; start the web app once or pass --model FILE.jtsm.");
        var work = Option(args, "--work") ?? Directory.CreateTempSubdirectory("jts-bench-batches-").FullName;
        Directory.CreateDirectory(work);
        var webDll = Path.Combine(repo, "src", "JobTitleStudio.Web", "bin", configuration, "net10.0", "JobTitleStudio.Web.dll");
        var cliDll = Path.Combine(repo, "src", "JobTitleStudio.Cli", "bin", configuration, "net10.0", "jts.dll");
        foreach (var dll in new[] { webDll, cliDll })
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: dotnet build -c {configuration} src/JobTitleStudio.Web src/JobTitleStudio.Cli first.");
            }
        }

        var input = Path.Combine(work, "leads.csv");
        var clock = Stopwatch.StartNew();
        var used = BatchFileGenerator.Write(input, Path.Combine(repo, "models", "source", "onet-29.3"), rows, distinct);
        Console.WriteLine(Invariant($"input: {rows:N0} rows, {used:N0} distinct titles, {new FileInfo(input).Length / 1e6:0.0} MB, written in {clock.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine($"model: {model} ({new FileInfo(model).Length / 1e6:0.0} MB)");

        var apiResult = Path.Combine(work, "api-result.csv");
        var mapped = args.Contains("--map-occupation");
        RunApi(webDll, model, work, input, rows, apiResult, xlsx: !args.Contains("--no-xlsx"), mapped).GetAwaiter().GetResult();
        if (mapped)
        {
            // The CLI answers in the model's own codes, so the two files are not comparable.
            Console.WriteLine("the api answered through the category map; jts classify not run");
            return 0;
        }

        var cliResult = Path.Combine(work, "cli-result.csv");
        var cli = Measure("dotnet", [cliDll, "classify", "--model", model, "--input", input, "--title-column", BatchFileGenerator.TitleColumn, "--output", cliResult, "--top", "3"], null);
        Console.WriteLine(Invariant($"cli: jts classify {cli.Seconds:0.0} s wall ({rows / cli.Seconds:N0} rows/s, model load included), peak RSS {cli.PeakMegabytes:N0} MB, exit {cli.ExitCode}"));

        var same = Hash(apiResult) == Hash(cliResult);
        Console.WriteLine(same ? "api and cli results are byte-identical" : "MISMATCH: the api and cli results differ");
        return same && cli.ExitCode == 0 ? 0 : 1;
    }

    private static async Task RunApi(string webDll, string model, string work, string input, long rows, string result, bool xlsx, bool mapOccupation)
    {
        var port = FreePort();
        var data = Path.Combine(work, "web-data");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(data, "bench.db")}",
            ["Models__DefaultModelPath"] = model,
            ["Batches__MaxUploadBytes"] = (2L * 1024 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        using var server = Start("dotnet", [webDll, "--urls", $"http://127.0.0.1:{port}"], environment);
        var memory = new PeakMemory(server.Id);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            var ready = Stopwatch.StartNew();
            while (!await IsHealthy(http))
            {
                if (server.HasExited || ready.Elapsed > TimeSpan.FromMinutes(3))
                {
                    throw new InvalidOperationException($"The web app did not become healthy: exit {(server.HasExited ? server.ExitCode : "none")}.");
                }
                await Task.Delay(200);
            }
            var idle = memory.Sample();
            Console.WriteLine(Invariant($"api: server healthy with the model loaded in {ready.Elapsed.TotalSeconds:0.0} s, {idle:N0} MB resident"));
            if (mapOccupation)
            {
                await MapOccupationToBroadGroupsAsync(http);
            }

            var total = Stopwatch.StartNew();
            using var content = new MultipartFormDataContent();
            var file = new StreamContent(File.OpenRead(input), 1 << 20);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(file, "file", Path.GetFileName(input));
            content.Add(new StringContent(BatchFileGenerator.TitleColumn), "titleColumn");
            using var created = await http.PostAsync(new Uri("/api/batches", UriKind.Relative), content);
            var accepted = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            if (created.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"Upload answered {(int)created.StatusCode}: {accepted.RootElement}");
            }
            var id = accepted.RootElement.GetProperty("id").GetString();
            var uploaded = total.Elapsed;

            JsonElement status;
            while (true)
            {
                memory.Sample();
                status = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/batches/{id}", UriKind.Relative))).RootElement;
                var state = status.GetProperty("status").GetString();
                if (state is "completed" or "failed" or "cancelled" or "interrupted")
                {
                    break;
                }
                await Task.Delay(100);
            }
            var classified = total.Elapsed;
            if (status.GetProperty("status").GetString() != "completed")
            {
                throw new InvalidOperationException($"The batch ended {status}");
            }

            await using (var target = File.Create(result))
            await using (var body = await http.GetStreamAsync(new Uri($"/api/batches/{id}/result?format=csv", UriKind.Relative)))
            {
                await body.CopyToAsync(target);
            }
            var downloaded = total.Elapsed;
            var peakRoundTrip = memory.Sample();

            var processed = status.GetProperty("processed").GetInt64();
            Console.WriteLine(Invariant($"api: upload {uploaded.TotalSeconds:0.0} s, classify {(classified - uploaded).TotalSeconds:0.0} s (server says {status.GetProperty("rowsPerSecond").GetDouble():N0} rows/s), download CSV {(downloaded - classified).TotalSeconds:0.0} s ({new FileInfo(result).Length / 1e6:0.0} MB)"));
            Console.WriteLine(Invariant($"api: round trip {downloaded.TotalSeconds:0.0} s for {processed:N0} rows = {processed / downloaded.TotalSeconds:N0} rows/s end to end; server peak RSS {peakRoundTrip:N0} MB"));
            Console.WriteLine(Invariant($"api: classified {status.GetProperty("classified").GetInt64():N0}, abstained {status.GetProperty("abstained").GetInt64():N0}, junk {status.GetProperty("junk").GetInt64():N0}, rows with issues {status.GetProperty("rowsWithIssues").GetInt64():N0}"));
            if (xlsx)
            {
                var clock = Stopwatch.StartNew();
                long xlsxBytes;
                await using (var body = await http.GetStreamAsync(new Uri($"/api/batches/{id}/result?format=xlsx", UriKind.Relative)))
                {
                    xlsxBytes = await Drain(body, memory);
                }
                var peakXlsx = memory.Sample();
                Console.WriteLine(Invariant($"api: download XLSX {clock.Elapsed.TotalSeconds:0.0} s ({xlsxBytes / 1e6:0.0} MB, {processed / clock.Elapsed.TotalSeconds:N0} rows/s); server peak RSS after it {peakXlsx:N0} MB"));
            }
            if (processed != rows)
            {
                throw new InvalidOperationException($"The server processed {processed} rows of {rows}.");
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Casts the Default workspace's Occupation codes into their SOC broad groups (15-1252.00 -> 15-1250) through the
    /// taxonomy API, so the batch is answered through the live category map: the largest map a workspace meets.
    /// </summary>
    private static async Task MapOccupationToBroadGroupsAsync(HttpClient http)
    {
        var taxonomy = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/taxonomy", UriKind.Relative))).RootElement;
        var codes = taxonomy.GetProperty("axes").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Occupation")
            .GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)
            .Where(c => c.Length == 10 && c[2] == '-').ToList();
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync(new Uri("/api/taxonomy/Occupation/map", UriKind.Relative),
            new { rows = codes.Select(c => new { from = c, to = c[..6] + "0" }) }, Json);
        var answer = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The mapping answered {(int)response.StatusCode}: {answer}");
        }
        Console.WriteLine(Invariant($"api: Occupation's {codes.Count:N0} codes mapped onto {codes.Select(c => c[..6]).Distinct().Count():N0} broad groups in {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    private static async Task<long> Drain(Stream body, PeakMemory memory)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
            if (total % (64L << 20) < read)
            {
                memory.Sample();
            }
        }
        return total;
    }

    private static async Task<bool> IsHealthy(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static (double Seconds, double PeakMegabytes, int ExitCode) Measure(string file, string[] arguments, Dictionary<string, string>? environment)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(file, arguments, environment);
        var memory = new PeakMemory(process.Id);
        while (!process.WaitForExit(50))
        {
            memory.Sample();
        }
        return (clock.Elapsed.TotalSeconds, memory.Peak, process.ExitCode);
    }

    private static Process Start(string file, string[] arguments, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
    }

    /// <summary>The kernel's high-water mark of resident memory (VmHWM), which catches peaks between samples.</summary>
    private sealed class PeakMemory(int processId)
    {
        public double Peak { get; private set; }

        public double Sample()
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{processId}/status"))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                        Peak = Math.Max(Peak, kilobytes / 1024.0);
                    }
                }
            }
            catch (IOException)
            {
                // The process has just exited; the last sample stands.
            }
            return Peak;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JobTitleStudio.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository.");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
