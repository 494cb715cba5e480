using System.Diagnostics;
using System.Globalization;
using JobTitleStudio.Core.Defaults;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Cli.Commands;

/// <summary><c>jts build-default</c>: trains the shipped model from the reference data in models/source.</summary>
public static class BuildDefaultCommand
{
    public static int Run(CommandLine options, CliOutput output)
    {
        var source = options.Optional("source") ?? FindSourceDirectory();
        var modelPath = options.Optional("model") ?? ModelLocation.ShippedModelPath;
        options.RejectUnknown();

        var clock = Stopwatch.StartNew();
        var builder = new DefaultModelBuilder(source);
        var rows = builder.TrainingRows();
        output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Read {rows.Count} titles from {source} in {clock.Elapsed.TotalSeconds:0.0} s."));
        var model = new TitleClassifier(builder.Axes());
        model.Train(rows);
        ModelFile.Save(model, modelPath);
        output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Built the default model ({string.Join(", ", model.Axes.Select(a => $"{a.Name}: {a.Categories.Count}"))}) in {clock.Elapsed.TotalSeconds:0.0} s; wrote {modelPath} ({new FileInfo(modelPath).Length / 1e6:0.0} MB)."));
        return 0;
    }

    /// <summary>The repository's models/source, looked for above the working directory and then above the application.</summary>
    private static string FindSourceDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models", "source");
                if (File.Exists(Path.Combine(candidate, "onet-29.3", "Occupation Data.txt")))
                {
                    return candidate;
                }
            }
        }
        throw new CliException("No models/source folder with the O*NET data was found above the working directory; pass --source DIR.");
    }
}
