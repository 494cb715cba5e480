namespace JobTitleStudio.Core.Learning;

/// <summary>
/// An immutable table of fixed-width rows stored as a two-level array (root of chunks, chunks of rows).
/// Snapshots share every chunk a later update did not touch, which is what lets one correction publish a
/// new model in microseconds instead of copying megabytes of weights.
/// </summary>
internal sealed class ChunkedRows<T>
{
    private readonly T[][] _chunks;
    private readonly int _shift;
    private readonly int _mask;

    internal ChunkedRows(T[][] chunks, int rowCount, int width, int shift)
    {
        _chunks = chunks;
        RowCount = rowCount;
        Width = width;
        _shift = shift;
        _mask = (1 << shift) - 1;
    }

    public int RowCount { get; }

    public int Width { get; }

    public ReadOnlySpan<T> Row(int row) =>
        new(_chunks[row >> _shift], (row & _mask) * Width, Width);

    /// <summary>Element access for width-1 tables.</summary>
    public T this[int row] => _chunks[row >> _shift][row & _mask];
}

/// <summary>
/// The single writer of a <see cref="ChunkedRows{T}"/>. Writes go to private chunks; <see cref="Publish"/>
/// hands out an immutable snapshot and marks everything shared, so the next write copies only the root and
/// the chunks it touches.
/// </summary>
internal sealed class ChunkedRowsWriter<T>
{
    private readonly int _shift;
    private readonly int _mask;
    private readonly int _chunkRows;
    private T[][] _chunks;
    private int[] _ownedGeneration;
    private bool _rootShared;
    private int _generation = 1;

    public ChunkedRowsWriter(int rowCount, int width, int rowsPerChunkLog2)
    {
        if (rowCount < 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), $"A table needs a non-negative row count and positive width, got {rowCount}x{width}.");
        }
        _shift = rowsPerChunkLog2;
        _chunkRows = 1 << rowsPerChunkLog2;
        _mask = _chunkRows - 1;
        Width = width;
        RowCount = rowCount;
        var chunkCount = (rowCount + _chunkRows - 1) >> _shift;
        _chunks = new T[chunkCount][];
        _ownedGeneration = new int[chunkCount];
        for (var c = 0; c < chunkCount; c++)
        {
            _chunks[c] = new T[_chunkRows * width];
            _ownedGeneration[c] = _generation;
        }
    }

    public int RowCount { get; private set; }

    public int Width { get; }

    /// <summary>
    /// A read view of the unpublished state for the writer's own use between two writes; unlike
    /// <see cref="Publish"/> it does not make the next write copy anything.
    /// </summary>
    public T this[int row] => _chunks[row >> _shift][row & _mask];

    public ChunkedRows<T> Peek() => new(_chunks, RowCount, Width, _shift);

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
        var needed = (RowCount + count + _chunkRows - 1) >> _shift;
        if (needed > _chunks.Length)
        {
            var grown = Math.Max(needed, _chunks.Length * 2);
            var chunks = new T[grown][];
            Array.Copy(_chunks, chunks, _chunks.Length);
            var owned = new int[grown];
            Array.Copy(_ownedGeneration, owned, _ownedGeneration.Length);
            for (var c = _chunks.Length; c < grown; c++)
            {
                chunks[c] = new T[_chunkRows * Width];
                owned[c] = _generation;
            }
            _chunks = chunks;
            _ownedGeneration = owned;
            _rootShared = false;
        }
        RowCount += count;
        return first;
    }

    /// <summary>Forgets all rows; published snapshots keep theirs because later writes copy shared chunks.</summary>
    public void Clear() => RowCount = 0;

    public ChunkedRows<T> Publish()
    {
        var snapshot = new ChunkedRows<T>(_chunks, RowCount, Width, _shift);
        _rootShared = true;
        _generation++;
        return snapshot;
    }

    private T[] OwnChunk(int chunkIndex)
    {
        if (_rootShared)
        {
            _chunks = (T[][])_chunks.Clone();
            _rootShared = false;
        }
        if (_ownedGeneration[chunkIndex] != _generation)
        {
            _chunks[chunkIndex] = (T[])_chunks[chunkIndex].Clone();
            _ownedGeneration[chunkIndex] = _generation;
        }
        return _chunks[chunkIndex];
    }
}
