using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class ChunkedRowsTests
{
    [Fact]
    public void Published_snapshot_does_not_see_later_writes()
    {
        var writer = new ChunkedRowsWriter<float>(64, 4, 2, 1);
        writer.WritableRow(5)[0] = 1f;
        var before = writer.Publish();

        writer.WritableRow(5)[0] = 2f;
        var after = writer.Publish();

        Assert.Equal(1f, before.Row(5)[0]);
        Assert.Equal(2f, after.Row(5)[0]);
    }

    [Fact]
    public void A_write_after_publishing_copies_only_the_chunk_it_touches()
    {
        var writer = new ChunkedRowsWriter<float>(64, 4, 2, 1);
        var before = writer.Publish();

        writer.WritableRow(5)[0] = 3f;
        var after = writer.Publish();

        Assert.False(SameMemory(before.Row(5), after.Row(5)));
        Assert.True(SameMemory(before.Row(40), after.Row(40)));
    }

    [Fact]
    public void Added_rows_are_invisible_to_older_snapshots()
    {
        var writer = new ChunkedRowsWriter<string?>(0, 1, 3, 1);
        var empty = writer.Publish();

        var first = writer.AddRows(20);
        writer.Set(first + 19, "x");
        var grown = writer.Publish();

        Assert.Equal(0, empty.RowCount);
        Assert.Equal(20, grown.RowCount);
        Assert.Equal("x", grown[19]);
    }

    private static bool SameMemory(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        Unsafe.AreSame(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b));
}
