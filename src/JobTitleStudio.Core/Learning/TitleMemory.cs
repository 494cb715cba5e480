using System.Collections.Immutable;

namespace JobTitleStudio.Core.Learning;

/// <summary>What the memory knows about one normalised title on one axis.</summary>
/// <param name="Categories">Categories imported for the title, with <paramref name="Counts"/> (weights summed).</param>
/// <param name="Corrected">The analyst's labels, when the title was corrected; they win over the counts.</param>
public sealed record MemoryEntry(int[] Categories, float[] Counts, int[]? Corrected);

/// <summary>A title's row in a memory base, kept while the same title is looked up on the next axis (see <see cref="TitleMemory.ShareRows"/>).</summary>
internal record struct RowLookup(Dictionary<string, int>? Rows, int Row);

/// <summary>
/// Exact-title memory keyed by normalised title. The titles of a training run (or a model file) sit in a
/// flat base: one read-only dictionary from title to row and CSR arrays of categories and counts, instead of
/// a tree node, a record and two arrays per title. Titles learned since then sit in a persistent (immutable)
/// dictionary that wins over the base, so a correction publishes a new version by sharing almost all of
/// the old one.
/// </summary>
public sealed class TitleMemory : ICategoryLearner
{
    /// <summary>Pseudo-count spread over all categories so an imported title never gets probability exactly 1.</summary>
    private const float Smoothing = 0.1f;

    private Snapshot _snapshot = Snapshot.Empty;

    /// <summary>Rows this memory's base was compared with by <see cref="ShareRows"/> and found to differ from, so the comparison is not repeated.</summary>
    private Dictionary<string, int>? _differsFrom;

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
        var current = _snapshot;
        var key = example.Input.Normalized;
        Volatile.Write(ref _snapshot, current with { Changed = current.Changed.SetItem(key, Merge(current.GetValueOrDefault(key), example)) });
    }

    public void Learn(IReadOnlyList<LearningExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var entries = new Dictionary<string, MemoryEntry>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            entries[example.Input.Normalized] = Merge(entries.GetValueOrDefault(example.Input.Normalized), example);
        }
        Restore(entries);
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

    public MemoryEntry? Recall(string normalized) => Volatile.Read(ref _snapshot).GetValueOrDefault(normalized);

    /// <summary>The published entries; the model captures them with the other learners' so one update is seen whole.</summary>
    internal Snapshot Current => Volatile.Read(ref _snapshot);

    internal IEnumerable<KeyValuePair<string, MemoryEntry>> Entries => Volatile.Read(ref _snapshot).Entries();

    /// <summary>
    /// Lets the memories of a model's axes share one title-to-row dictionary where their bases list the same titles
    /// in the same rows (the default model's three axes do): a prediction then looks its title up once for every
    /// axis (<see cref="Snapshot.GetValueOrDefault(string, ref RowLookup)"/>) instead of missing the cache in three
    /// dictionaries, and the model holds one dictionary instead of three. Called whenever the model captures its
    /// learners; it only compares bases it has not compared yet, so a correction pays nothing.
    /// </summary>
    internal static void ShareRows(IReadOnlyList<TitleMemory> memories)
    {
        if (memories.Count < 2)
        {
            return;
        }
        var first = memories[0].Current.Rows;
        for (var a = 1; a < memories.Count; a++)
        {
            var memory = memories[a];
            var current = memory.Current;
            if (ReferenceEquals(current.Rows, first) || ReferenceEquals(memory._differsFrom, first))
            {
                continue;
            }
            if (SameRows(current.Rows, first))
            {
                Volatile.Write(ref memory._snapshot, current with { Rows = first });
            }
            else
            {
                memory._differsFrom = first;
            }
        }
    }

    private static bool SameRows(Dictionary<string, int> rows, Dictionary<string, int> other)
    {
        if (rows.Count != other.Count)
        {
            return false;
        }
        foreach (var (title, row) in rows)
        {
            if (!other.TryGetValue(title, out var otherRow) || otherRow != row)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Installs a base read from a model file: row r is titles[keys[r]].</summary>
    internal void Restore(string[] titles, int[] keys, int[] start, int[] categories, float[] counts, int[] correctedStart, int[] corrected)
    {
        var rows = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (var r = 0; r < keys.Length; r++)
        {
            if (!rows.TryAdd(titles[keys[r]], r))
            {
                throw new InvalidDataException($"The title memory lists \"{titles[keys[r]]}\" twice.");
            }
        }
        Volatile.Write(ref _snapshot, new Snapshot(rows, start, categories, counts, correctedStart, corrected, Snapshot.Empty.Changed));
    }

    internal void Restore(IEnumerable<KeyValuePair<string, MemoryEntry>> entries) =>
        Volatile.Write(ref _snapshot, Snapshot.Build(entries as IReadOnlyCollection<KeyValuePair<string, MemoryEntry>> ?? [.. entries]));

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

    /// <summary>Immutable: the flat base and the titles changed since it was built.</summary>
    /// <param name="Rows">Title to row of the base; never written after the build, so safe to read from any thread.</param>
    /// <param name="Start">Row r's categories and counts are [Start[r], Start[r + 1]).</param>
    /// <param name="CorrectedStart">Row r's corrected labels are [CorrectedStart[r], CorrectedStart[r + 1]); none means not corrected.</param>
    internal sealed record Snapshot(
        Dictionary<string, int> Rows,
        int[] Start,
        int[] Categories,
        float[] Counts,
        int[] CorrectedStart,
        int[] Corrected,
        ImmutableDictionary<string, MemoryEntry> Changed)
    {
        public static Snapshot Empty { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal), [0], [], [], [0], [], ImmutableDictionary.Create<string, MemoryEntry>(StringComparer.Ordinal));

        public MemoryEntry? GetValueOrDefault(string normalized)
        {
            var lookup = default(RowLookup);
            return GetValueOrDefault(normalized, ref lookup);
        }

        /// <summary>
        /// As <see cref="GetValueOrDefault(string)"/> for one title on several axes: the base row found for
        /// <paramref name="normalized"/> is kept in <paramref name="lookup"/> and reused by the next axis whose base
        /// shares these rows (<see cref="ShareRows"/>). Start each title with a new <see cref="RowLookup"/>.
        /// </summary>
        public MemoryEntry? GetValueOrDefault(string normalized, ref RowLookup lookup)
        {
            if (!Changed.IsEmpty && Changed.TryGetValue(normalized, out var changed))
            {
                return changed;
            }
            if (!ReferenceEquals(lookup.Rows, Rows))
            {
                lookup = new RowLookup(Rows, Rows.TryGetValue(normalized, out var found) ? found : -1);
            }
            return lookup.Row >= 0 ? Entry(lookup.Row) : null;
        }

        public IEnumerable<KeyValuePair<string, MemoryEntry>> Entries()
        {
            foreach (var (key, row) in Rows)
            {
                if (!Changed.ContainsKey(key))
                {
                    yield return new(key, Entry(row));
                }
            }
            foreach (var pair in Changed)
            {
                yield return pair;
            }
        }

        private MemoryEntry Entry(int row)
        {
            var corrected = CorrectedStart[row + 1] > CorrectedStart[row] ? Corrected[CorrectedStart[row]..CorrectedStart[row + 1]] : null;
            return new MemoryEntry(Categories[Start[row]..Start[row + 1]], Counts[Start[row]..Start[row + 1]], corrected);
        }

        public static Snapshot Build(IReadOnlyCollection<KeyValuePair<string, MemoryEntry>> entries)
        {
            var rows = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
            var start = new int[entries.Count + 1];
            var correctedStart = new int[entries.Count + 1];
            var categories = new List<int>(entries.Count);
            var counts = new List<float>(entries.Count);
            var corrected = new List<int>();
            foreach (var (key, entry) in entries)
            {
                var row = rows.Count;
                rows.Add(key, row);
                categories.AddRange(entry.Categories);
                counts.AddRange(entry.Counts);
                corrected.AddRange(entry.Corrected ?? []);
                start[row + 1] = categories.Count;
                correctedStart[row + 1] = corrected.Count;
            }
            return new Snapshot(rows, start, [.. categories], [.. counts], correctedStart, [.. corrected], Empty.Changed);
        }
    }
}
