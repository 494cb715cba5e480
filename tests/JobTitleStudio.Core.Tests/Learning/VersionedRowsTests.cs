using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class VersionedRowsTests
{
    [Fact]
    public void A_published_view_keeps_its_rows_while_later_versions_are_written()
    {
        var writer = new VersionedRowsWriter(8, 3) { TrimmedByOwner = true };
        writer.WritableRow(2)[0] = 1f;
        var first = writer.Publish();
        writer.WritableRow(2)[0] = 2f;
        var second = writer.Publish();
        writer.WritableRow(2)[0] = 3f;
        writer.WritableRow(2)[1] = 4f;
        var third = writer.Publish();

        Assert.Equal([1f, 0f, 0f], first.Row(2).ToArray());
        Assert.Equal([2f, 0f, 0f], second.Row(2).ToArray());
        Assert.Equal([3f, 4f, 0f], third.Row(2).ToArray());
        Assert.Equal(3, third.Row(2).Length);
    }

    [Fact]
    public void Forgetting_before_the_oldest_read_view_keeps_that_view_whole()
    {
        var writer = new VersionedRowsWriter(4, 2) { TrimmedByOwner = true };
        writer.WritableRow(1)[0] = 1f;
        writer.Publish();
        writer.WritableRow(1)[0] = 2f;
        var read = writer.Publish();
        writer.WritableRow(1)[0] = 3f;
        var newest = writer.Publish();

        writer.ForgetBefore(read.Version);

        Assert.Equal(2f, read.Row(1)[0]);
        Assert.Equal(3f, newest.Row(1)[0]);
        Assert.Equal(0f, read.Row(3)[0]);
    }

    [Fact]
    public void A_fork_leaves_older_views_their_rows_without_keeping_versions()
    {
        var writer = new VersionedRowsWriter(4, 2);
        writer.WritableRow(0)[0] = 1f;
        var before = writer.Publish();

        writer.Fork();
        for (var r = 0; r < writer.RowCount; r++)
        {
            writer.WritableRow(r)[1] = 5f;
        }
        var after = writer.Publish();

        Assert.Equal([1f, 0f], before.Row(0).ToArray());
        Assert.Equal([0f, 0f], before.Row(3).ToArray());
        Assert.Equal([1f, 5f], after.Row(0).ToArray());
        Assert.Equal([0f, 5f], after.Row(3).ToArray());
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
                if (row[0] != probe.Value || row[3] != probe.Value)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        for (var i = 1; i <= 20_000; i++)
        {
            var row = writer.WritableRow(5);
            row[0] = i;
            row[3] = i;
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
