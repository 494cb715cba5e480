using System.Diagnostics;

namespace JobTitleStudio.Benchmarks;

/// <summary>fastText's supervised mode on the same split, run as the installed command-line tool.</summary>
internal static class FastTextBaseline
{
    public const string TrainArguments = "-epoch 25 -lr 0.5 -wordNgrams 2 -minn 3 -maxn 5 -dim 100 -thread 2";

    public static int Run(string splitDirectory)
    {
        var work = Path.Combine(Path.GetTempPath(), "jts-fasttext");
        Directory.CreateDirectory(work);
        var trainFile = Path.Combine(work, "train.txt");
        var testFile = Path.Combine(work, "test.txt");
        Write(trainFile, Csv.ReadPairs(Path.Combine(splitDirectory, "train.csv")));
        Write(testFile, Csv.ReadPairs(Path.Combine(splitDirectory, "test.csv")));
        var modelPrefix = Path.Combine(work, "m");
        var watch = Stopwatch.StartNew();
        Exec($"supervised -input {trainFile} -output {modelPrefix} {TrainArguments}");
        Console.WriteLine($"fastText training: {watch.Elapsed.TotalSeconds:F1} s ({TrainArguments})");
        Console.WriteLine($"fastText model size: {new FileInfo(modelPrefix + ".bin").Length / 1048576.0:F1} MB");
        foreach (var k in new[] { 1, 5 })
        {
            var output = Exec($"test {modelPrefix}.bin {testFile} {k}");
            var recall = output.Split('\n').FirstOrDefault(l => l.StartsWith("R@", StringComparison.Ordinal))?.Trim() ?? output.Trim();
            Console.WriteLine($"fastText top-{k}: {recall}");
        }
        return 0;
    }

    private static void Write(string path, List<(string Title, string Code)> rows) =>
        File.WriteAllLines(path, rows.Select(r => $"__label__{r.Code} {r.Title.Replace('\n', ' ').ToLowerInvariant()}"));

    private static string Exec(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("fasttext", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("Could not start fasttext; install it with apt-get install fasttext.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"fasttext {arguments} failed: {stderr.Result}");
        }
        return stdout.Result;
    }
}
