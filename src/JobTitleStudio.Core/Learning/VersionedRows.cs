using System.Runtime.CompilerServices;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// An immutable view of a <see cref="VersionedRowsWriter"/>: every row as it was when the view was published.
/// A row newer than the view is skipped for the version it replaced.
/// </summary>
internal sealed class VersionedRows
{
    private readonly VersionedRowsWriter.Table _table;
    private readonly int _version;

    internal VersionedRows(VersionedRowsWriter.Table table, int version)
    {
        _table = table;
        _version = version;
    }

    public int RowCount => _table.Rows.Length;

    public int Width => _table.Width;

    /// <summary>The writer's publish this view belongs to: what <see cref="VersionedRowsWriter.ForgetBefore"/> takes.</summary>
    public int Version => _version;

    public ReadOnlySpan<float> Row(int row)
    {
        var values = Volatile.Read(ref _table.Rows[row]);
        if (VersionedRowsWriter.StampOf(values, _table.Width) > _version)
        {
            values = Older(row);
        }
        return new ReadOnlySpan<float>(values, 0, _table.Width);
    }

    private float[] Older(int row)
    {
        var older = Volatile.Read(ref _table.Olders[row]);
        while (VersionedRowsWriter.StampOf(older!.Values, _table.Width) > _version)
        {
            older = older.Next;
        }
        // The writer trims versions no live view can reach: this view must stay live until its walk ends.
        GC.KeepAlive(this);
        return older.Values;
    }
}

/// <summary>
/// A table of fixed-width float rows, written by one writer and read through immutable views without locks:
/// the embedding, of which a correction changes one row per feature of its title. The newest version of
/// each row sits in one array of rows, stamped with the version that wrote it (in a float past the row's
/// width); a correction writes a copy of each row it changes into place and keeps the version it replaced
/// on a per-row chain for the views published before it. Publishing copies nothing, where a copy-on-write
/// tree copies a page of references per row and its whole root per publish. A chain is cut once no view
/// reads below: the owner says so (<see cref="ForgetBefore"/>), or the collector tells (see
/// <see cref="LiveViews{TView}"/>). Bulk writes (a training run) fork the table instead, so they keep no chains.
/// </summary>
internal sealed class VersionedRowsWriter
{
    private readonly LiveViews<VersionedRows> _live = new();

    /// <summary>Rows with a chain of older versions.</summary>
    private readonly HashSet<int> _chained = [];

    private Table _table;
    private int _published;
    private bool _forked;

    public VersionedRowsWriter(int rowCount, int width)
    {
        if (rowCount < 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), $"A table needs a non-negative row count and positive width, got {rowCount}x{width}.");
        }
        _table = new Table(new float[rowCount][], new Older?[rowCount], width);
        for (var r = 0; r < rowCount; r++)
        {
            _table.Rows[r] = new float[width + 1];
            SetStamp(_table.Rows[r], width, 1);
        }
    }

    public int RowCount => _table.Rows.Length;

    public int Width => _table.Width;

    /// <summary>A view that also sees the unpublished writes, for the writer's own use between two writes.</summary>
    public VersionedRows Peek() => new(_table, _published + 1);

    /// <summary>
    /// Before writing most rows (a training run): the next writes go to a new table that shares every row not
    /// yet written, and views of the old one keep it whole, so no chain of older versions is needed.
    /// </summary>
    public void Fork()
    {
        _table = new Table((float[][])_table.Rows.Clone(), new Older?[_table.Rows.Length], _table.Width);
        _chained.Clear();
        _forked = true;
    }

    public Span<float> WritableRow(int row)
    {
        var pending = _published + 1;
        var current = _table.Rows[row];
        var width = _table.Width;
        if (StampOf(current, width) == pending)
        {
            // No view reads a row of an unpublished version.
            return current.AsSpan(0, width);
        }
        var copy = new float[width + 1];
        current.AsSpan(0, width).CopyTo(copy);
        SetStamp(copy, width, pending);
        if (!_forked)
        {
            // The replaced version first, so a view that finds the copy also finds what it replaced.
            Volatile.Write(ref _table.Olders[row], new Older(current, _table.Olders[row]));
            _chained.Add(row);
        }
        Volatile.Write(ref _table.Rows[row], copy);
        return copy.AsSpan(0, width);
    }

    /// <inheritdoc cref="VersionedOverlayWriter{T}.TrimmedByOwner"/>
    public bool TrimmedByOwner { get; set; }

    public VersionedRows Publish()
    {
        if (!TrimmedByOwner && _live.MayHaveDied())
        {
            ForgetBefore(_live.OldestLive(_published + 1));
        }
        _published++;
        _forked = false;
        var view = new VersionedRows(_table, _published);
        if (!TrimmedByOwner)
        {
            _live.Published(_published, view);
        }
        return view;
    }

    internal static int StampOf(float[] values, int width) => Unsafe.As<float, int>(ref values[width]);

    private static void SetStamp(float[] values, int width, int version) => Unsafe.As<float, int>(ref values[width]) = version;

    /// <summary>Cuts every chain below <paramref name="oldestRead"/>, the oldest version any view still reads; none walks further.</summary>
    public void ForgetBefore(int oldestRead)
    {
        var width = _table.Width;
        _chained.RemoveWhere(row =>
        {
            if (StampOf(_table.Rows[row], width) <= oldestRead)
            {
                _table.Olders[row] = null;
                return true;
            }
            var older = _table.Olders[row]!;
            while (StampOf(older.Values, width) > oldestRead && older.Next is not null)
            {
                older = older.Next;
            }
            older.Next = null;
            return false;
        });
    }

    internal sealed class Table(float[][] rows, Older?[] olders, int width)
    {
        /// <summary>The newest version of each row; the float at <see cref="Width"/> holds the version that wrote it.</summary>
        public readonly float[][] Rows = rows;

        /// <summary>Per row the versions it replaced that a live view may still read, newest first.</summary>
        public readonly Older?[] Olders = olders;

        public int Width { get; } = width;
    }

    internal sealed class Older(float[] values, Older? next)
    {
        public float[] Values { get; } = values;

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

    public void Published(int version, TView view) => _views.Enqueue((version, new WeakReference<TView>(view)));

    /// <summary>True at most once per collection: only a collection makes a view known to be gone.</summary>
    public bool MayHaveDied()
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
    public int OldestLive(int none)
    {
        while (_views.TryPeek(out var oldest) && !oldest.View.TryGetTarget(out _))
        {
            _views.Dequeue();
        }
        return _views.TryPeek(out var live) ? live.Version : none;
    }
}
