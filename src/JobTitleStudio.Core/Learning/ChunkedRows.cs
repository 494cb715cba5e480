namespace JobTitleStudio.Core.Learning;

/// <summary>
/// An immutable table of fixed-width rows stored as a three-level array (root of pages, pages of chunks,
/// chunks of rows). Snapshots share every page and chunk a later update did not touch, which is what lets
/// one correction publish a new model by copying a few kilobytes instead of megabytes of weights: the
/// middle level keeps both the root and the copied pages small, where two levels force a choice between
/// a big root and big chunks.
/// </summary>
internal sealed class ChunkedRows<T>
{
    private readonly T[][][] _pages;
    private readonly int _shift;
    private readonly int _mask;
    private readonly int _pageShift;
    private readonly int _pageMask;

    internal ChunkedRows(T[][][] pages, int rowCount, int width, int shift, int pageShift)
    {
        _pages = pages;
        RowCount = rowCount;
        Width = width;
        _shift = shift;
        _mask = (1 << shift) - 1;
        _pageShift = pageShift;
        _pageMask = (1 << pageShift) - 1;
    }

    public int RowCount { get; }

    public int Width { get; }

    public ReadOnlySpan<T> Row(int row) =>
        new(Chunk(row), (row & _mask) * Width, Width);

    /// <summary>Element access for width-1 tables; default for a row in a page or chunk a sparse table never wrote.</summary>
    public T this[int row]
    {
        get
        {
            var chunk = row >> _shift;
            var page = _pages[chunk >> _pageShift];
            if (page is null)
            {
                return default!;
            }
            var rows = page[chunk & _pageMask];
            return rows is null ? default! : rows[row & _mask];
        }
    }

    private T[] Chunk(int row)
    {
        var chunk = row >> _shift;
        return _pages[chunk >> _pageShift][chunk & _pageMask];
    }
}

/// <summary>
/// The single writer of a <see cref="ChunkedRows{T}"/>. Writes go to private pages and chunks;
/// <see cref="Publish"/> hands out an immutable snapshot and marks everything shared, so the next write
/// copies only the root and the page and chunk it touches.
/// </summary>
internal sealed class ChunkedRowsWriter<T>
{
    private readonly int _shift;
    private readonly int _mask;
    private readonly int _chunkRows;
    private readonly int _pageShift;
    private readonly int _pageMask;
    private readonly int _pageChunks;
    private T[][][] _pages;
    private int[] _ownedPage;
    private int[] _ownedChunk;
    private bool _rootShared;
    private int _generation = 1;
    private readonly bool _sparse;

    /// <param name="rowsPerChunkLog2">Rows per chunk, the unit a write copies.</param>
    /// <param name="chunksPerPageLog2">Chunk references per page; the root holds one reference per page.</param>
    /// <param name="sparse">
    /// Pages and chunks are allocated on first write (reads of unwritten rows give default): for a width-1
    /// table over a million features of which few are ever written, such as an overlay of changes.
    /// </param>
    public ChunkedRowsWriter(int rowCount, int width, int rowsPerChunkLog2, int chunksPerPageLog2, bool sparse = false)
    {
        if (rowCount < 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), $"A table needs a non-negative row count and positive width, got {rowCount}x{width}.");
        }
        _shift = rowsPerChunkLog2;
        _chunkRows = 1 << rowsPerChunkLog2;
        _mask = _chunkRows - 1;
        _pageShift = chunksPerPageLog2;
        _pageChunks = 1 << chunksPerPageLog2;
        _pageMask = _pageChunks - 1;
        Width = width;
        _sparse = sparse && width == 1;
        _pages = [];
        _ownedPage = [];
        _ownedChunk = [];
        Grow(rowCount);
        RowCount = rowCount;
    }

    public int RowCount { get; private set; }

    public int Width { get; }

    /// <summary>
    /// A read view of the unpublished state for the writer's own use between two writes; unlike
    /// <see cref="Publish"/> it does not make the next write copy anything.
    /// </summary>
    public T this[int row]
    {
        get
        {
            var chunk = row >> _shift;
            var page = _pages[chunk >> _pageShift];
            var rows = page?[chunk & _pageMask];
            return rows is null ? default! : rows[row & _mask];
        }
    }

    public ChunkedRows<T> Peek() => new(_pages, RowCount, Width, _shift, _pageShift);

    public Span<T> WritableRow(int row)
    {
        var chunk = OwnChunk(row >> _shift);
        return new Span<T>(chunk, (row & _mask) * Width, Width);
    }

    public void Set(int row, T value) => OwnChunk(row >> _shift)[row & _mask] = value;

    /// <summary>Adds rows at the end (default-initialised) and returns the index of the first new one.</summary>
    public int AddRows(int count)
    {
        var first = RowCount;
        Grow(RowCount + count);
        RowCount += count;
        return first;
    }

    /// <summary>Forgets all rows; published snapshots keep theirs because later writes copy shared chunks.</summary>
    public void Clear() => RowCount = 0;

    public ChunkedRows<T> Publish()
    {
        var snapshot = new ChunkedRows<T>(_pages, RowCount, Width, _shift, _pageShift);
        _rootShared = true;
        _generation++;
        return snapshot;
    }

    /// <summary>Makes room for <paramref name="rows"/> rows; new pages and chunks are private to the writer.</summary>
    private void Grow(int rows)
    {
        var neededChunks = (rows + _chunkRows - 1) >> _shift;
        var neededPages = (neededChunks + _pageChunks - 1) >> _pageShift;
        if (neededPages <= _pages.Length)
        {
            return;
        }
        var grown = _pages.Length == 0 ? neededPages : Math.Max(neededPages, _pages.Length * 2);
        var pages = new T[grown][][];
        Array.Copy(_pages, pages, _pages.Length);
        var ownedPage = new int[grown];
        Array.Copy(_ownedPage, ownedPage, _ownedPage.Length);
        var ownedChunk = new int[grown << _pageShift];
        Array.Copy(_ownedChunk, ownedChunk, _ownedChunk.Length);
        for (var p = _pages.Length; p < grown && !_sparse; p++)
        {
            var page = new T[_pageChunks][];
            for (var c = 0; c < page.Length; c++)
            {
                page[c] = new T[_chunkRows * Width];
                ownedChunk[(p << _pageShift) + c] = _generation;
            }
            pages[p] = page;
            ownedPage[p] = _generation;
        }
        _pages = pages;
        _ownedPage = ownedPage;
        _ownedChunk = ownedChunk;
        _rootShared = false;
    }

    private T[] OwnChunk(int chunkIndex)
    {
        if (_rootShared)
        {
            _pages = (T[][][])_pages.Clone();
            _rootShared = false;
        }
        var pageIndex = chunkIndex >> _pageShift;
        if (_pages[pageIndex] is null)
        {
            _pages[pageIndex] = new T[_pageChunks][];
            _ownedPage[pageIndex] = _generation;
        }
        if (_ownedPage[pageIndex] != _generation)
        {
            _pages[pageIndex] = (T[][])_pages[pageIndex].Clone();
            _ownedPage[pageIndex] = _generation;
        }
        var page = _pages[pageIndex];
        var slot = chunkIndex & _pageMask;
        if (page[slot] is null)
        {
            page[slot] = new T[_chunkRows * Width];
            _ownedChunk[chunkIndex] = _generation;
        }
        if (_ownedChunk[chunkIndex] != _generation)
        {
            page[slot] = (T[])page[slot].Clone();
            _ownedChunk[chunkIndex] = _generation;
        }
        return page[slot];
    }
}
