using System.Numerics;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// An immutable view of a <see cref="VersionedOverlayWriter{T}"/>: the value each key had when the view was
/// published, or null for a key not written by then. Every view of one table shares it: the writer adds keys and
/// newer versions in place, and a view skips whatever is newer than itself.
/// </summary>
internal sealed class VersionedOverlay<T>
    where T : class
{
    private readonly VersionedOverlayWriter<T>.Table _table;
    private readonly int _version;

    internal VersionedOverlay(VersionedOverlayWriter<T>.Table table, int version)
    {
        _table = table;
        _version = version;
    }

    /// <summary>The writer's publish this view belongs to: what <see cref="VersionedOverlayWriter{T}.ForgetBefore"/> takes.</summary>
    public int Version => _version;

    public T? this[int key]
    {
        get
        {
            var slots = _table.Slots;
            var mask = slots.Length - 1;
            for (var i = VersionedOverlayWriter<T>.Home(key, mask); ; i = (i + 1) & mask)
            {
                var stored = Volatile.Read(ref slots[i].Key);
                if (stored == 0)
                {
                    return null;
                }
                if (stored == key + 1)
                {
                    var value = VisibleIn(Volatile.Read(ref slots[i].Head));
                    // The writer trims versions no live view can reach: this view must stay live until its walk ends.
                    GC.KeepAlive(this);
                    return value;
                }
            }
        }
    }

    /// <summary>Every key with its value in this view, in no particular order.</summary>
    public IEnumerable<(int Key, T Value)> Entries()
    {
        var slots = _table.Slots;
        for (var i = 0; i < slots.Length; i++)
        {
            var stored = Volatile.Read(ref slots[i].Key);
            if (stored != 0 && VisibleIn(Volatile.Read(ref slots[i].Head)) is { } value)
            {
                yield return (stored - 1, value);
            }
        }
        GC.KeepAlive(this);
    }

    private T? VisibleIn(VersionedOverlayWriter<T>.Version? version)
    {
        while (version is not null && version.Number > _version)
        {
            version = version.Older;
        }
        return version?.Value;
    }
}

/// <summary>
/// A sparse map from non-negative keys (feature ids) to values, written by one writer and read through
/// immutable views without locks, for overlays that change a few dozen scattered keys per correction: an
/// open-addressing table whose slots hold a chain of versions, newest first. A write prepends a version in
/// place (a published view skips versions newer than itself), so publishing copies nothing, where a
/// copy-on-write tree copies a page and a chunk of references per key and its whole root per publish.
/// A key's older versions are dropped once every view that could read them is gone: the owner says so
/// (<see cref="ForgetBefore"/>: a model knows when no prediction reads an older version), or, for a writer
/// whose owner does not, the collector tells (see <see cref="LiveViews{TView}"/>).
/// </summary>
internal sealed class VersionedOverlayWriter<T>
    where T : class
{
    /// <summary>An empty table shared until the first key is written, so an overlay never written costs nothing.</summary>
    private static readonly Table Unwritten = new(1);

    private readonly int _capacity;

    private readonly LiveViews<VersionedOverlay<T>> _live = new();

    /// <summary>Keys with more than one version.</summary>
    private readonly HashSet<int> _chained = [];

    private Table _table = Unwritten;

    /// <param name="expectedKeys">
    /// Keys the owner writes before it starts over: the first write makes room for them at once, because
    /// doubling a big table (a copy of every slot) in the middle of a correction is what made its slowest ones.
    /// </param>
    public VersionedOverlayWriter(int expectedKeys = 512)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedKeys);
        _capacity = (int)Math.Min(1 << 30, BitOperations.RoundUpToPowerOf2((uint)expectedKeys * 2));
    }

    /// <summary>Keys written since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Versions kept (the newest of each key and the older ones live views may still read).</summary>
    public int Versions { get; private set; }

    /// <summary>The writer's own read: the newest value, published or not.</summary>
    public T? this[int key]
    {
        get
        {
            var slot = Find(_table, key);
            return slot < 0 ? null : _table.Slots[slot].Head!.Value;
        }
    }

    public void Set(int key, T value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        var pending = _live.Published + 1;
        var slot = Find(_table, key);
        if (slot >= 0)
        {
            ref var existing = ref _table.Slots[slot];
            if (existing.Head!.Number == pending)
            {
                // No view can see an unpublished version, so a second write before the publish replaces it.
                existing.Head.Value = value;
                return;
            }
            Volatile.Write(ref existing.Head, new Version(pending, value, existing.Head));
            Versions++;
            _chained.Add(key);
            return;
        }
        if ((Count + 1) * 2 > _table.Slots.Length)
        {
            _table = Grown(_table, Math.Max(_capacity, _table.Slots.Length * 2));
            slot = Find(_table, key);
        }
        ref var empty = ref _table.Slots[~slot];
        // The version before the key: a reader that finds the key always finds a version with it.
        Volatile.Write(ref empty.Head, new Version(pending, value, null));
        Volatile.Write(ref empty.Key, key + 1);
        Count++;
        Versions++;
    }

    /// <inheritdoc cref="LiveViews{TView}.TrimmedByOwner"/>
    public bool TrimmedByOwner
    {
        get => _live.TrimmedByOwner;
        set => _live.TrimmedByOwner = value;
    }

    /// <summary>An immutable view of everything written so far; later writes are invisible to it.</summary>
    public VersionedOverlay<T> Publish() =>
        _live.Publish(this, static (writer, oldestRead) => writer.ForgetBefore(oldestRead), static (writer, version) => new VersionedOverlay<T>(writer._table, version));

    /// <summary>Cuts every chain below <paramref name="oldestRead"/>, the oldest version any view still reads; none walks further.</summary>
    public void ForgetBefore(int oldestRead)
    {
        _chained.RemoveWhere(key =>
        {
            var head = _table.Slots[Find(_table, key)].Head!;
            var version = head;
            while (version.Number > oldestRead && version.Older is not null)
            {
                version = version.Older;
            }
            for (var dropped = version.Older; dropped is not null; dropped = dropped.Older)
            {
                Versions--;
            }
            version.Older = null;
            return ReferenceEquals(version, head);
        });
    }

    /// <summary>A view that also sees the writer's unpublished writes, for the writer's own use; it makes the next write copy nothing.</summary>
    public VersionedOverlay<T> Peek() => new(_table, _live.Published + 1);

    /// <summary>Forgets every key; published views keep the table they saw, which the writer no longer changes.</summary>
    public void Clear()
    {
        if (Count == 0)
        {
            return;
        }
        _table = Unwritten;
        Count = 0;
        Versions = 0;
        _chained.Clear();
    }

    internal static int Home(int key, int mask) => (int)(((uint)key * 0x9E3779B1u) >> 7) & mask;

    /// <summary>The slot holding <paramref name="key"/>, or the complement of the empty slot where it would go.</summary>
    private static int Find(Table table, int key)
    {
        var slots = table.Slots;
        var mask = slots.Length - 1;
        for (var i = Home(key, mask); ; i = (i + 1) & mask)
        {
            if (slots[i].Key == 0)
            {
                return ~i;
            }
            if (slots[i].Key == key + 1)
            {
                return i;
            }
        }
    }

    /// <summary>A table twice as big with every key and its whole chain of versions; views of the old one keep it unchanged.</summary>
    private static Table Grown(Table table, int capacity)
    {
        var grown = new Table(capacity);
        foreach (var slot in table.Slots)
        {
            if (slot.Key != 0)
            {
                var at = ~Find(grown, slot.Key - 1);
                grown.Slots[at] = slot;
            }
        }
        return grown;
    }

    internal sealed class Table(int capacity)
    {
        public readonly Slot[] Slots = new Slot[capacity];
    }

    /// <summary>Key + 1 (0 marks an empty slot), then its versions.</summary>
    internal struct Slot
    {
        public int Key;
        public Version? Head;
    }

    internal sealed class Version(int number, T value, Version? older)
    {
        public int Number { get; } = number;

        /// <summary>Replaced only while the version is unpublished.</summary>
        public T Value { get; set; } = value;

        /// <summary>Cut (set to null) only where no live view reads further.</summary>
        public Version? Older { get; set; } = older;
    }
}
