using System.Security.Cryptography;
using System.Text;
using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Core.Defaults;

/// <summary>
/// The shipped model. It is not committed (it would weigh on git history at every rebuild); it is built
/// from the committed tables and reference data the first time it is needed and cached under
/// <c>models/cache/</c> with a fingerprint of everything it is built from, so a changed table, source
/// file or model format builds a fresh one instead of loading a stale one.
/// </summary>
public static class DefaultModel
{
    /// <summary>Bump when the way the default model is built changes without any input file changing.</summary>
    public const int BuildRevision = 6;

    /// <summary>
    /// The default table is 2.6 times the O*NET benchmark's, so 5 epochs give the linear learner about as
    /// many steps as the benchmark's 15 (on the O*NET split itself 5 epochs cost 0.008 top-1) at a third of
    /// the build time, which is mostly those epochs.
    /// </summary>
    public static ModelOptions Options { get; } = new() { Linear = new LinearOptions { Epochs = 5 } };

    /// <summary>The repository's <c>models/source</c>, looked for above the working directory and then above the application.</summary>
    public static string? FindSourceDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models", "source");
                if (DefaultModelBuilder.HasEverySourceFile(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>Where the cached model for these inputs lives: <c>models/cache/default-&lt;fingerprint&gt;.jtsm</c> beside the source folder.</summary>
    public static string CachePath(string sourceDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceDirectory);
        var models = Path.GetDirectoryName(Path.GetFullPath(sourceDirectory).TrimEnd(Path.DirectorySeparatorChar))!;
        return Path.Combine(models, "cache", $"default-{Fingerprint(sourceDirectory)}.jtsm");
    }

    /// <summary>Loads the cached default model, or builds and caches it (about a minute) when there is none for these inputs.</summary>
    public static TitleClassifier LoadOrBuild(string sourceDirectory, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var path = CachePath(sourceDirectory);
        if (File.Exists(path))
        {
            try
            {
                return ModelFile.Load(path);
            }
            catch (ModelFileException)
            {
                // A damaged or interrupted cache file is rebuilt below rather than failing the start.
            }
        }
        var model = Build(sourceDirectory, progress, cancellationToken);
        ModelFile.Save(model, path);
        return model;
    }

    public static TitleClassifier Build(string sourceDirectory, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var builder = new DefaultModelBuilder(sourceDirectory);
        var rows = builder.TrainingRows();
        var model = new TitleClassifier(builder.Axes(), options: Options);
        model.Train(rows, progress: progress, cancellationToken: cancellationToken);
        return model;
    }

    /// <summary>A hash of the model format, the feature set, the build revision and every input file's bytes.</summary>
    public static string Fingerprint(string sourceDirectory)
    {
        var models = Path.GetDirectoryName(Path.GetFullPath(sourceDirectory).TrimEnd(Path.DirectorySeparatorChar))!;
        var inputs = Directory.EnumerateFiles(models, "*.*", SearchOption.TopDirectoryOnly)
            .Where(f => f.EndsWith(".tsv", StringComparison.Ordinal) || f.EndsWith(".csv", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"format {ModelFile.FormatVersion} features {TitleFeaturizer.FeatureSetVersion} build {BuildRevision}\n"));
        foreach (var file in inputs)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(models, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
