using System.Collections.Immutable;

namespace JobTitleStudio.Core.Learning;

/// <summary>What the memory knows about one normalised title on one axis.</summary>
/// <param name="Categories">Categories imported for the title, with <paramref name="Counts"/> (weights summed).</param>
/// <param name="Corrected">The analyst's labels, when the title was corrected; they win over the counts.</param>
public sealed record MemoryEntry(int[] Categories, float[] Counts, int[]? Corrected);

/// <summary>
/// Exact-title memory keyed by normalised title. Held in a persistent (immutable) dictionary, so a
/// correction publishes a new version by sharing almost all of the old one.
/// </summary>
public sealed class TitleMemory : ICategoryLearner
{
    /// <summary>Pseudo-count spread over all categories so an imported title never gets probability exactly 1.</summary>
    private const float Smoothing = 0.1f;

    private ImmutableDictionary<string, MemoryEntry> _entries = ImmutableDictionary.Create<string, MemoryEntry>(StringComparer.Ordinal);

    public TitleMemory(int categoryCount)
    {
        if (categoryCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(categoryCount), "A learner needs at least one category.");
        }
        CategoryCount = categoryCount;
    }

    public int CategoryCount { get; }

    public void Learn(LearningExample example)
    {
        var entries = _entries;
        Volatile.Write(ref _entries, entries.SetItem(example.Input.Normalized, Merge(entries.GetValueOrDefault(example.Input.Normalized), example)));
    }

    public void Learn(IReadOnlyList<LearningExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var builder = ImmutableDictionary.CreateBuilder<string, MemoryEntry>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            builder[example.Input.Normalized] = Merge(builder.GetValueOrDefault(example.Input.Normalized), example);
        }
        Volatile.Write(ref _entries, builder.ToImmutable());
    }

    /// <summary>Uniform when the title is unknown, so in a log-linear blend an unknown title changes nothing.</summary>
    public void Predict(TitleInput input, Span<float> probabilities)
    {
        var entry = Recall(input.Normalized);
        if (entry is null)
        {
            probabilities.Fill(1f / CategoryCount);
            return;
        }
        probabilities.Fill(Smoothing / CategoryCount);
        var total = Smoothing;
        if (entry.Corrected is { } corrected)
        {
            foreach (var category in corrected)
            {
                probabilities[category] += 1f / corrected.Length;
            }
            total += 1f;
        }
        else
        {
            for (var i = 0; i < entry.Categories.Length; i++)
            {
                probabilities[entry.Categories[i]] += entry.Counts[i];
                total += entry.Counts[i];
            }
        }
        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] /= total;
        }
    }

    public MemoryEntry? Recall(string normalized) => Volatile.Read(ref _entries).GetValueOrDefault(normalized);

    /// <summary>The published entries; the model captures them with the other learners' so one update is seen whole.</summary>
    internal ImmutableDictionary<string, MemoryEntry> Current => Volatile.Read(ref _entries);

    internal IEnumerable<KeyValuePair<string, MemoryEntry>> Entries => Volatile.Read(ref _entries);

    internal void Restore(IEnumerable<KeyValuePair<string, MemoryEntry>> entries) =>
        Volatile.Write(ref _entries, ImmutableDictionary.CreateRange(StringComparer.Ordinal, entries));

    private static MemoryEntry Merge(MemoryEntry? existing, LearningExample example)
    {
        if (example.IsCorrection)
        {
            return new MemoryEntry(existing?.Categories ?? [], existing?.Counts ?? [], [.. example.Labels]);
        }
        var categories = new List<int>(existing?.Categories ?? []);
        var counts = new List<float>(existing?.Counts ?? []);
        foreach (var label in example.Labels)
        {
            var at = categories.IndexOf(label);
            if (at < 0)
            {
                categories.Add(label);
                counts.Add(example.Weight);
            }
            else
            {
                counts[at] += example.Weight;
            }
        }
        return new MemoryEntry([.. categories], [.. counts], existing?.Corrected);
    }
}
