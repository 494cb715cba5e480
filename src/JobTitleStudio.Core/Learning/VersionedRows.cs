using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// An immutable view of a <see cref="VersionedRowsWriter"/>: every row as it was when the view was published.
/// A row newer than the view is skipped for the version it replaced.
/// </summary>
internal sealed class VersionedRows
{
    private readonly VersionedRowsWriter.Table _table;
    private readonly int _version;

    /// <summary>
    /// No row had been rewritten when the view was published: every row it reads is in the flat table (rows
    /// rewritten later are newer than the view), so it skips the per-row lookup of a newer version.
    /// </summary>
    private readonly bool _flatOnly;

    internal VersionedRows(VersionedRowsWriter.Table table, int version, bool flatOnly)
    {
        _table = table;
        _version = version;
        _flatOnly = flatOnly;
    }

    public int RowCount => _table.RowCount;

    public int Width => _table.Width;

    /// <summary>The writer's publish this view belongs to: what <see cref="VersionedRowsWriter.ForgetBefore"/> takes.</summary>
    public int Version => _version;

    public ReadOnlySpan<Half> Row(int row)
    {
        var width = _table.Width;
        if (!_flatOnly)
        {
            var values = Volatile.Read(ref _table.Rows[row]);
            if (values is not null)
            {
                if (VersionedRowsWriter.StampOf(values, width) > _version)
                {
                    values = Older(row);
                }
                if (values is not null)
                {
                    return new ReadOnlySpan<Half>(values, 0, width);
                }
            }
        }
        // The row's first version: its place in the flat table, which no write changes.
        return _table.FlatRow(row);
    }

    /// <summary>
    /// Asks for the cache lines of the given rows' first versions before any is read: a title's rows are
    /// scattered over the whole table, and issued together their misses overlap instead of being paid one
    /// after another. A row's place in the flat table is known from its index alone (no lookup to wait for).
    /// </summary>
    public unsafe void Prefetch(ReadOnlySpan<int> rows)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        var table = _table;
        foreach (var row in rows)
        {
            // Unpinned: should the collector move the chunk meanwhile, a hint to a stale address is only wasted.
            var flat = table.FlatRow(row);
            Vectors.PrefetchLines((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(flat)), flat.Length * sizeof(Half));
        }
    }

    /// <summary>The version this view reads, or null for the row's first version (in the flat table).</summary>
    private Half[]? Older(int row)
    {
        var older = Volatile.Read(ref _table.Olders[row])!;
        while (older.Values is { } values && VersionedRowsWriter.StampOf(values, _table.Width) > _version)
        {
            older = older.Next!;
        }
        // The writer trims versions no live view can reach: this view must stay live until its walk ends.
        GC.KeepAlive(this);
        return older.Values;
    }
}

/// <summary>
/// A table of fixed-width rows of 16-bit floats, written by one writer and read through immutable views
/// without locks: the embedding, of which a correction changes one row per feature of its title. Every row's
/// first version sits in a flat table (26 MB for 2^17 rows of 100: half the floats' bytes, and a row is 4
/// cache lines at an address computed from its index, so the reads of a title's rows overlap), in chunks of
/// <see cref="RowsPerChunk"/> rows: each under the large-object threshold, so the table is part of the
/// collector's generation 2, whose size sets how much may be promoted before the next full collection (one
/// 26 MB array would sit apart, and a correction-heavy run then met twice as many generation 2 collections). A correction
/// writes a copy of each row it changes, stamped with its version (in the two halves past the row's width),
/// into a per-row slot that views check first, and keeps the version it replaced on a per-row chain for the
/// views published before it. Publishing copies nothing. A chain is cut once no view reads below: the owner
/// says so (<see cref="ForgetBefore"/>), or the collector tells (see <see cref="LiveViews{TView}"/>). A training
/// run replaces the whole table (<see cref="Replace"/>), so it keeps no chains.
/// </summary>
internal sealed class VersionedRowsWriter
{
    private readonly LiveViews<VersionedRows> _live = new();

    /// <summary>Rows with a chain of older versions.</summary>
    private readonly HashSet<int> _chained = [];

    /// <summary>256 rows per chunk of the flat table: 51 KB at width 100, under the 85 KB of a large object.</summary>
    public const int ChunkShift = 8;
    public const int RowsPerChunk = 1 << ChunkShift;
    public const int ChunkMask = RowsPerChunk - 1;

    private Table _table;

    public VersionedRowsWriter(int rowCount, int width)
    {
        if (rowCount < 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), $"A table needs a non-negative row count and positive width, got {rowCount}x{width}.");
        }
        _table = new Table(NewChunks(rowCount, width), rowCount, width);
    }

    public int ChunkCount => _table.Flat.Length;

    public int RowCount => _table.RowCount;

    public int Width => _table.Width;

    /// <summary>A view that also sees the unpublished writes, for the writer's own use between two writes.</summary>
    public VersionedRows Peek() => new(_table, _live.Published + 1, flatOnly: false);

    /// <summary>
    /// One chunk of the flat table itself (its rows back to back), to fill it in one read before any view was
    /// published (a model being loaded): later writes must go through <see cref="WritableRow"/>.
    /// </summary>
    public Span<Half> Unpublished(int chunk)
    {
        if (_live.Published > 0)
        {
            throw new InvalidOperationException("The table was published: its rows are read by views and change only through WritableRow.");
        }
        return _table.Flat[chunk];
    }

    /// <summary>Empty chunks shaped as the flat table's, for <see cref="Replace"/>.</summary>
    public Half[][] NewChunks() => NewChunks(RowCount, Width);

    /// <summary>
    /// After a training run wrote every row: <paramref name="chunks"/> (from <see cref="NewChunks()"/>, filled)
    /// become the flat table of a new table, and views of the old one keep it whole.
    /// </summary>
    public void Replace(Half[][] chunks)
    {
        var flat = _table.Flat;
        if (chunks.Length != flat.Length || chunks.Where((c, i) => c.Length != flat[i].Length).Any())
        {
            throw new ArgumentException($"Expected {flat.Length} chunks of {RowsPerChunk} rows of {Width} ({RowCount} rows), as NewChunks makes them.", nameof(chunks));
        }
        _table = new Table(chunks, _table.RowCount, _table.Width);
        _chained.Clear();
    }

    private static Half[][] NewChunks(int rowCount, int width)
    {
        var chunks = new Half[(rowCount + RowsPerChunk - 1) >> ChunkShift][];
        for (var c = 0; c < chunks.Length; c++)
        {
            chunks[c] = new Half[Math.Min(RowsPerChunk, rowCount - (c << ChunkShift)) * width];
        }
        return chunks;
    }

    public Span<Half> WritableRow(int row)
    {
        var pending = _live.Published + 1;
        var width = _table.Width;
        var current = _table.Rows[row];
        if (current is not null && StampOf(current, width) == pending)
        {
            // No view reads a row of an unpublished version.
            return current.AsSpan(0, width);
        }
        var copy = new Half[width + 2];
        var replaced = current is null ? _table.FlatRow(row) : current.AsSpan(0, width);
        replaced.CopyTo(copy);
        SetStamp(copy, width, pending);
        // The replaced version first, so a view that finds the copy also finds what it replaced.
        Volatile.Write(ref _table.Olders[row], new Older(current, _table.Olders[row]));
        _chained.Add(row);
        if (current is null)
        {
            _table.Rewritten++;
        }
        Volatile.Write(ref _table.Rows[row], copy);
        return copy.AsSpan(0, width);
    }

    /// <inheritdoc cref="LiveViews{TView}.TrimmedByOwner"/>
    public bool TrimmedByOwner
    {
        get => _live.TrimmedByOwner;
        set => _live.TrimmedByOwner = value;
    }

    public VersionedRows Publish() =>
        _live.Publish(this, static (writer, oldestRead) => writer.ForgetBefore(oldestRead), static (writer, version) => new VersionedRows(writer._table, version, flatOnly: writer._table.Rewritten == 0));

    internal static int StampOf(Half[] values, int width) => Unsafe.ReadUnaligned<int>(ref Unsafe.As<Half, byte>(ref values[width]));

    private static void SetStamp(Half[] values, int width, int version) => Unsafe.WriteUnaligned(ref Unsafe.As<Half, byte>(ref values[width]), version);

    /// <summary>Cuts every chain below <paramref name="oldestRead"/>, the oldest version any view still reads; none walks further.</summary>
    public void ForgetBefore(int oldestRead)
    {
        var width = _table.Width;
        _chained.RemoveWhere(row =>
        {
            if (StampOf(_table.Rows[row]!, width) <= oldestRead)
            {
                _table.Olders[row] = null;
                return true;
            }
            // The flat table's version (no values) is older than every stamp: a walk always stops there.
            var older = _table.Olders[row]!;
            while (older.Values is { } values && StampOf(values, width) > oldestRead && older.Next is not null)
            {
                older = older.Next;
            }
            older.Next = null;
            return false;
        });
    }

    internal sealed class Table(Half[][] flat, int rowCount, int width)
    {
        /// <summary>Every row's first version, row-major in chunks of <see cref="RowsPerChunk"/> rows; never written once a view may read it.</summary>
        public readonly Half[][] Flat = flat;

        /// <summary>Per row its newest rewritten version (null: the flat table's); the int past <see cref="Width"/> holds the version that wrote it.</summary>
        public readonly Half[]?[] Rows = new Half[]?[rowCount];

        /// <summary>Per row the versions it replaced that a live view may still read, newest first.</summary>
        public readonly Older?[] Olders = new Older?[rowCount];

        /// <summary>How many rows have a rewritten version.</summary>
        public int Rewritten;

        public int RowCount { get; } = rowCount;

        public int Width { get; } = width;

        /// <summary>A row's first version, in the flat table.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ReadOnlySpan<Half> FlatRow(int row) => Flat[row >> ChunkShift].AsSpan((row & ChunkMask) * Width, Width);
    }

    /// <param name="values">The replaced version, or null for the row's first version in the flat table.</param>
    internal sealed class Older(Half[]? values, Older? next)
    {
        public Half[]? Values { get; } = values;

        /// <summary>Cut (set to null) only where no live view reads further.</summary>
        public Older? Next { get; set; } = next;
    }
}

/// <summary>
/// Which published versions of a table some view may still read, told by the collector: the writer keeps a
/// weak reference to each view it publishes, and a view no one holds any more is collected. Readers pay
/// nothing; the writer learns of a view's death at the first publish after a collection.
/// </summary>
internal sealed class LiveViews<TView>
    where TView : class
{
    /// <summary>Published views not yet known to be gone, oldest first.</summary>
    private readonly Queue<(int Version, WeakReference<TView> View)> _views = new();
    private int _collections = -1;

    /// <summary>The newest published version; 0 before the first publish. Writes go to the version after it.</summary>
    public int Published { get; private set; }

    /// <summary>True when the owner tells which versions are still read (the writer's ForgetBefore), so no view is tracked.</summary>
    public bool TrimmedByOwner { get; set; }

    /// <summary>
    /// Publishes the next version of <paramref name="writer"/>'s table: first, unless the owner trims, the writer forgets
    /// every version below the oldest one a live view still reads (when a collection may have ended some views), then
    /// <paramref name="view"/> makes the new version's view, which is tracked unless the owner trims.
    /// </summary>
    public TView Publish<TWriter>(TWriter writer, Action<TWriter, int> forgetBefore, Func<TWriter, int, TView> view)
    {
        if (!TrimmedByOwner && MayHaveDied())
        {
            forgetBefore(writer, OldestLive(Published + 1));
        }
        Published++;
        var published = view(writer, Published);
        if (!TrimmedByOwner)
        {
            _views.Enqueue((Published, new WeakReference<TView>(published)));
        }
        return published;
    }

    /// <summary>True at most once per collection: only a collection makes a view known to be gone.</summary>
    private bool MayHaveDied()
    {
        var collections = GC.CollectionCount(0);
        if (collections == _collections)
        {
            return false;
        }
        _collections = collections;
        return true;
    }

    /// <summary>The version the oldest live view reads, or <paramref name="none"/> when every view is gone.</summary>
    private int OldestLive(int none)
    {
        while (_views.TryPeek(out var oldest) && !oldest.View.TryGetTarget(out _))
        {
            _views.Dequeue();
        }
        return _views.TryPeek(out var live) ? live.Version : none;
    }
}
