using System.Text;
using System.Text.Json;
using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Core.ModelFiles;

/// <summary>
/// One versioned binary file per model: magic "JTSM", format version, the featurizer's
/// <see cref="TitleFeaturizer.FeatureSetVersion"/>, model and featurizer options (JSON),
/// the taxonomy, then per axis the blend, linear weights, naive Bayes counts and title memory, then the
/// nearest-title index, then an end mark that catches truncation. Written to a temporary file, flushed to
/// disk and renamed, so a reader never sees a half-written model.
/// </summary>
public static class ModelFile
{
    public const int FormatVersion = 8;

    private static readonly byte[] Magic = "JTSM"u8.ToArray();
    private static readonly byte[] EndMark = "JTSE"u8.ToArray();

    public static void Save(TitleClassifier model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    // The write lock keeps the learners of every axis at the same update while they are written.
                    lock (model.WriteLock)
                    {
                        Write(writer, model);
                    }
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <exception cref="ModelFileException">The file is not a model, is from a newer format, or is truncated or damaged.</exception>
    public static TitleClassifier Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            return Read(reader, path);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or JsonException or ArgumentException or FormatException)
        {
            throw new ModelFileException($"Model file {path} is truncated or damaged ({e.Message}); save the model again or restore it from a backup.", e);
        }
    }

    private static void Write(BinaryWriter writer, TitleClassifier model)
    {
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(TitleFeaturizer.FeatureSetVersion);
        var learners = model.CurrentLearners;
        writer.Write(JsonSerializer.Serialize(learners.Options));
        writer.Write(JsonSerializer.Serialize(model.Featurizer.Options));
        writer.Write(model.Axes.Count);
        foreach (var axis in model.Axes)
        {
            WriteAxis(writer, axis);
        }
        learners.Linear.Current.Write(writer);
        for (var a = 0; a < model.Axes.Count; a++)
        {
            var axis = learners.Axes[a];
            var blend = axis.Blend;
            writer.Write(blend.Linear);
            writer.Write(blend.Bayes);
            writer.Write(blend.Neighbours);
            writer.Write(blend.Bias);
            axis.Bayes.Current.Write(writer);
        }
        WriteMemories(writer, [.. learners.Axes.Select(a => a.Memory)]);
        learners.Index.Current.Write(writer);
        writer.Write(EndMark);
    }

    private static TitleClassifier Read(BinaryReader reader, string path)
    {
        var magic = reader.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new ModelFileException($"{path} is not a JobTitleStudio model file (it does not start with \"JTSM\"); pick a .jtsm file saved by JobTitleStudio.");
        }
        var version = reader.ReadInt32();
        if (version > FormatVersion)
        {
            throw new ModelFileException($"Model file {path} has format version {version}, newer than this build reads (up to {FormatVersion}); upgrade JobTitleStudio to load it.");
        }
        if (version < 1)
        {
            throw new ModelFileException($"Model file {path} has format version {version}, which never existed; the file is damaged.");
        }
        if (version < FormatVersion)
        {
            throw new ModelFileException($"Model file {path} has format version {version}, from an older JobTitleStudio whose weights and features this build no longer reads; train the model again from its data (jts train) to use it.");
        }
        var featureSet = reader.ReadInt32();
        if (featureSet != TitleFeaturizer.FeatureSetVersion)
        {
            throw new ModelFileException($"Model file {path} was trained with feature set version {featureSet}, but this build extracts features as version {TitleFeaturizer.FeatureSetVersion}; its weights would not match the titles' features, so train the model again from its data (jts train) to use it.");
        }
        var options = JsonSerializer.Deserialize<ModelOptions>(reader.ReadString()) ?? throw new InvalidDataException("The model options are missing.");
        var featurizerOptions = JsonSerializer.Deserialize<FeaturizerOptions>(reader.ReadString()) ?? throw new InvalidDataException("The featurizer options are missing.");
        var axisCount = reader.ReadInt32();
        if (axisCount is < 1 or > 1000)
        {
            throw new InvalidDataException($"The file claims {axisCount} axes.");
        }
        var axes = new AxisDefinition[axisCount];
        for (var a = 0; a < axisCount; a++)
        {
            axes[a] = ReadAxis(reader);
        }
        var model = new TitleClassifier(axes, new TitleFeaturizer(featurizerOptions), options, initialiseWeights: false);
        var learners = model.CurrentLearners;
        learners.Linear.ReadState(reader);
        for (var a = 0; a < axisCount; a++)
        {
            var axis = learners.Axes[a];
            axis.Blend = new BlendWeights(reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle());
            axis.Bayes.ReadState(reader);
        }
        var titles = ReadMemories(reader, learners, axes);
        var pool = new Dictionary<string, string>(titles.Length, StringComparer.Ordinal);
        foreach (var title in titles)
        {
            pool.TryAdd(title, title);
        }
        learners.Index.ReadState(reader, [.. axes.Select(a => a.Count)], title => pool.GetValueOrDefault(title) ?? title);
        if (!reader.ReadBytes(EndMark.Length).AsSpan().SequenceEqual(EndMark))
        {
            throw new InvalidDataException("The end mark is missing.");
        }
        model.Install(learners);
        return model;
    }

    private static void WriteAxis(BinaryWriter writer, AxisDefinition axis)
    {
        writer.Write(axis.Name);
        writer.Write(axis.MultiLabel);
        writer.Write(axis.OtherCategory);
        writer.Write(axis.Threshold.HasValue);
        writer.Write(axis.Threshold ?? 0);
        writer.Write(axis.Count);
        foreach (var category in axis.Categories)
        {
            writer.Write(category.Name);
            WriteOptional(writer, category.DisplayName);
            WriteOptional(writer, category.Parent);
        }
    }

    private static AxisDefinition ReadAxis(BinaryReader reader)
    {
        var name = reader.ReadString();
        var multiLabel = reader.ReadBoolean();
        var other = reader.ReadString();
        var hasThreshold = reader.ReadBoolean();
        var threshold = reader.ReadDouble();
        var count = reader.ReadInt32();
        if (count is < 1 or > 1_000_000)
        {
            throw new InvalidDataException($"Axis \"{name}\" claims {count} categories.");
        }
        var categories = new CategoryDefinition[count];
        for (var c = 0; c < count; c++)
        {
            categories[c] = new CategoryDefinition(reader.ReadString(), ReadOptional(reader), ReadOptional(reader));
        }
        return new AxisDefinition(name, categories, multiLabel, other, hasThreshold ? threshold : null);
    }

    /// <summary>
    /// The title memories of all axes: one table of the distinct titles (each written once, however many
    /// axes know it), then per axis flat arrays of title index, categories, counts and corrected labels.
    /// </summary>
    private static void WriteMemories(BinaryWriter writer, IReadOnlyList<TitleMemory> memories)
    {
        var titles = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = memories.Select(m => m.Entries.ToArray()).ToArray();
        foreach (var (key, _) in entries.SelectMany(e => e))
        {
            titles.TryAdd(key, titles.Count);
        }
        writer.Write(titles.Count);
        foreach (var title in titles.Keys)
        {
            writer.Write(title);
        }
        foreach (var axis in entries)
        {
            var start = new int[axis.Length + 1];
            var correctedStart = new int[axis.Length + 1];
            for (var r = 0; r < axis.Length; r++)
            {
                start[r + 1] = start[r] + axis[r].Value.Categories.Length;
                correctedStart[r + 1] = correctedStart[r] + (axis[r].Value.Corrected?.Length ?? 0);
            }
            BinaryArrays.WriteInts(writer, [.. axis.Select(e => titles[e.Key])]);
            BinaryArrays.WriteInts(writer, start);
            BinaryArrays.WriteInts(writer, [.. axis.SelectMany(e => e.Value.Categories)]);
            BinaryArrays.WriteFloats(writer, [.. axis.SelectMany(e => e.Value.Counts)]);
            BinaryArrays.WriteInts(writer, correctedStart);
            BinaryArrays.WriteInts(writer, [.. axis.SelectMany(e => e.Value.Corrected ?? [])]);
        }
    }

    /// <returns>The title table, so the index can share its strings.</returns>
    private static string[] ReadMemories(BinaryReader reader, TitleClassifier.Learners learners, AxisDefinition[] axes)
    {
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"The title memory claims {count} titles.");
        }
        var titles = new string[count];
        for (var t = 0; t < count; t++)
        {
            titles[t] = reader.ReadString();
        }
        for (var a = 0; a < axes.Length; a++)
        {
            var keys = BinaryArrays.ReadInts(reader, count);
            var start = BinaryArrays.ReadOffsets(reader, keys.Length);
            var categories = BinaryArrays.ReadInts(reader, axes[a].Count);
            var counts = BinaryArrays.ReadFloats(reader);
            var correctedStart = BinaryArrays.ReadOffsets(reader, keys.Length);
            var corrected = BinaryArrays.ReadInts(reader, axes[a].Count);
            if (categories.Length != start[^1] || counts.Length != categories.Length || corrected.Length != correctedStart[^1])
            {
                throw new InvalidDataException($"The title memory of axis \"{axes[a].Name}\" has {categories.Length} categories and {counts.Length} counts for {start[^1]} entries, {corrected.Length} corrected labels for {correctedStart[^1]}.");
            }
            learners.Axes[a].Memory.Restore(titles, keys, start, categories, counts, correctedStart, corrected);
        }
        return titles;
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        writer.Write(value ?? string.Empty);
    }

    private static string? ReadOptional(BinaryReader reader)
    {
        var present = reader.ReadBoolean();
        var value = reader.ReadString();
        return present ? value : null;
    }
}
