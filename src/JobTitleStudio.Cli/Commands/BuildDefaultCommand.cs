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
        var source = options.Optional("source") ?? ModelLocation.SourceDirectory;
        var modelPath = options.Optional("model") ?? DefaultModel.CachePath(source);
        options.RejectUnknown();

        var clock = Stopwatch.StartNew();
        var model = DefaultModel.Build(source);
        ModelFile.Save(model, modelPath);
        output.Messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Built the default model ({string.Join(", ", model.Axes.Select(a => $"{a.Name}: {a.Categories.Count}"))}) in {clock.Elapsed.TotalSeconds:0.0} s; wrote {modelPath} ({new FileInfo(modelPath).Length / 1e6:0.0} MB)."));
        return 0;
    }
}
