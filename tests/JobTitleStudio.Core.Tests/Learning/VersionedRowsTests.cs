using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class VersionedRowsTests
{
    [Fact]
    public void A_published_view_keeps_its_rows_while_later_versions_are_written()
    {
        var writer = new VersionedRowsWriter(8, 3) { TrimmedByOwner = true };
        writer.WritableRow(2)[0] = (Half)1f;
        var first = writer.Publish();
        writer.WritableRow(2)[0] = (Half)2f;
        var second = writer.Publish();
        writer.WritableRow(2)[0] = (Half)3f;
        writer.WritableRow(2)[1] = (Half)4f;
        var third = writer.Publish();

        Assert.Equal([1f, 0f, 0f], first.Row(2).ToArray().Select(v => (float)v));
        Assert.Equal([2f, 0f, 0f], second.Row(2).ToArray().Select(v => (float)v));
        Assert.Equal([3f, 4f, 0f], third.Row(2).ToArray().Select(v => (float)v));
        Assert.Equal(3, third.Row(2).Length);
    }

    [Fact]
    public void Forgetting_before_the_oldest_read_view_keeps_that_view_whole()
    {
        var writer = new VersionedRowsWriter(4, 2) { TrimmedByOwner = true };
        writer.WritableRow(1)[0] = (Half)1f;
        writer.Publish();
        writer.WritableRow(1)[0] = (Half)2f;
        var read = writer.Publish();
        writer.WritableRow(1)[0] = (Half)3f;
        var newest = writer.Publish();

        writer.ForgetBefore(read.Version);

        Assert.Equal((Half)2f, read.Row(1)[0]);
        Assert.Equal((Half)3f, newest.Row(1)[0]);
        Assert.Equal((Half)0f, read.Row(3)[0]);
    }

    [Fact]
    public void Replacing_the_table_leaves_older_views_their_rows_and_drops_every_version()
    {
        var writer = new VersionedRowsWriter(4, 2);
        writer.WritableRow(0)[0] = (Half)1f;
        var before = writer.Publish();

        var chunks = writer.NewChunks();
        for (var i = 0; i < 8; i++)
        {
            chunks[0][i] = (Half)(i + 10);
        }
        writer.Replace(chunks);
        var after = writer.Publish();

        Assert.Equal([1f, 0f], before.Row(0).ToArray().Select(v => (float)v));
        Assert.Equal([0f, 0f], before.Row(3).ToArray().Select(v => (float)v));
        Assert.Equal([10f, 11f], after.Row(0).ToArray().Select(v => (float)v));
        Assert.Equal([16f, 17f], after.Row(3).ToArray().Select(v => (float)v));
        Assert.Throws<ArgumentException>(() => writer.Replace([new Half[7]]));
    }

    [Fact]
    public void A_view_published_before_any_rewrite_reads_the_flat_table_while_later_versions_are_written()
    {
        var writer = new VersionedRowsWriter(4, 2) { TrimmedByOwner = true };
        writer.Unpublished(0)[2] = (Half)7f;
        var loaded = writer.Publish();

        writer.WritableRow(1)[0] = (Half)8f;
        var corrected = writer.Publish();
        writer.WritableRow(1)[1] = (Half)9f;
        writer.WritableRow(3)[0] = (Half)1f;
        var newest = writer.Publish();

        Assert.Equal([7f, 0f], loaded.Row(1).ToArray().Select(v => (float)v));
        Assert.Equal([8f, 0f], corrected.Row(1).ToArray().Select(v => (float)v));
        Assert.Equal([8f, 9f], newest.Row(1).ToArray().Select(v => (float)v));
        Assert.Equal([0f, 0f], corrected.Row(3).ToArray().Select(v => (float)v));
        Assert.Equal([1f, 0f], newest.Row(3).ToArray().Select(v => (float)v));
        Assert.Throws<InvalidOperationException>(() => writer.Unpublished(0));
    }

    [Fact]
    public void Rows_past_the_first_chunk_of_the_flat_table_read_and_rewrite_at_their_own_place()
    {
        var rows = VersionedRowsWriter.RowsPerChunk * 2 + 3;
        var writer = new VersionedRowsWriter(rows, 2) { TrimmedByOwner = true };
        Assert.Equal(3, writer.ChunkCount);
        writer.Unpublished(2)[2] = (Half)5f;
        var loaded = writer.Publish();

        writer.WritableRow(rows - 2)[1] = (Half)6f;
        var corrected = writer.Publish();

        Assert.Equal([5f, 0f], loaded.Row(rows - 2).ToArray().Select(v => (float)v));
        Assert.Equal([5f, 6f], corrected.Row(rows - 2).ToArray().Select(v => (float)v));
        Assert.Equal([0f, 0f], corrected.Row(rows - 1).ToArray().Select(v => (float)v));
    }

    [Fact]
    public async Task Readers_of_a_view_always_get_its_rows_while_the_writer_adds_versions()
    {
        var writer = new VersionedRowsWriter(16, 4);
        var views = new List<(VersionedRows View, float Value)> { (writer.Publish(), 0f) };
        using var stop = new CancellationTokenSource();
        var wrong = 0;
        var reader = Task.Run(() =>
        {
            var random = new Random(1);
            while (!stop.IsCancellationRequested)
            {
                (VersionedRows View, float Value) probe;
                lock (views)
                {
                    probe = views[random.Next(views.Count)];
                }
                var row = probe.View.Row(5);
                if (BitConverter.HalfToUInt16Bits(row[0]) != probe.Value || BitConverter.HalfToUInt16Bits(row[3]) != probe.Value)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        for (var i = 1; i <= 20_000; i++)
        {
            var row = writer.WritableRow(5);
            // The loop counter as the bits of a 16-bit float: every value distinct (none is a NaN below 0x7C01).
            row[0] = BitConverter.UInt16BitsToHalf((ushort)i);
            row[3] = BitConverter.UInt16BitsToHalf((ushort)i);
            var view = writer.Publish();
            if (i % 50 == 0)
            {
                lock (views)
                {
                    views.Add((view, i));
                }
            }
            if (i % 5000 == 0)
            {
                GC.Collect();
            }
        }
        await stop.CancelAsync();
        await reader;

        Assert.Equal(0, wrong);
    }
}
