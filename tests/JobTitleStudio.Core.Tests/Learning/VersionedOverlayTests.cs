using System.Runtime.CompilerServices;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class VersionedOverlayTests
{
    [Fact]
    public void A_published_view_sees_neither_later_values_nor_later_keys()
    {
        var writer = new VersionedOverlayWriter<string>();
        writer.Set(7, "a");
        var first = writer.Publish();

        writer.Set(7, "b");
        writer.Set(1 << 19, "new");
        var second = writer.Publish();

        Assert.Equal("a", first[7]);
        Assert.Null(first[1 << 19]);
        Assert.Equal("b", second[7]);
        Assert.Equal("new", second[1 << 19]);
        Assert.Equal([(7, "a")], first.Entries());
    }

    [Fact]
    public void Views_keep_their_values_while_the_table_grows_past_its_first_capacity()
    {
        var writer = new VersionedOverlayWriter<string>();
        writer.Set(3, "old");
        var early = writer.Publish();
        for (var key = 0; key < 5000; key++)
        {
            writer.Set(key * 131, $"v{key}");
            if (key % 100 == 0)
            {
                writer.Publish();
            }
        }
        var late = writer.Publish();

        Assert.Equal("old", early[3]);
        Assert.Null(early[131]);
        Assert.Single(early.Entries());
        Assert.Equal("v4999", late[4999 * 131]);
        Assert.Equal(5001, late.Entries().Count());
        Assert.Equal(5001, writer.Count);
    }

    [Fact]
    public void Older_versions_go_once_the_collector_shows_no_view_reads_them()
    {
        var writer = new VersionedOverlayWriter<string>();
        KeepTheFirstViewWhileCollecting(writer);

        GC.Collect();
        writer.Publish();

        Assert.Equal(2, writer.Versions);
        Assert.Equal("299", writer.Publish()[1]);
    }

    /// <summary>
    /// In its own frame, so that once it returns nothing holds the first view: a debug build keeps a method's
    /// references (and the temporaries it read them through) alive to its end.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void KeepTheFirstViewWhileCollecting(VersionedOverlayWriter<string> writer)
    {
        var kept = PublishMany(writer, 300, keepFirst: true);
        GC.Collect();
        writer.Publish();

        Assert.Equal("0", kept![1]);
        Assert.True(writer.Versions > 300, $"{writer.Versions} versions kept while the first view lives");
        GC.KeepAlive(kept);
    }

    [Fact]
    public void An_owner_that_tracks_its_readers_drops_the_versions_older_than_the_oldest_read()
    {
        var writer = new VersionedOverlayWriter<string> { TrimmedByOwner = true };
        writer.Set(1, "a");
        writer.Publish();
        writer.Set(1, "b");
        var read = writer.Publish();
        writer.Set(1, "c");
        writer.Set(2, "x");
        var newest = writer.Publish();
        GC.Collect();
        writer.Publish();

        Assert.Equal(4, writer.Versions);
        writer.ForgetBefore(read.Version);

        Assert.Equal(3, writer.Versions);
        Assert.Equal("b", read[1]);
        Assert.Equal("c", newest[1]);
        writer.ForgetBefore(newest.Version);
        Assert.Equal(2, writer.Versions);
        Assert.Equal("c", newest[1]);
    }

    [Fact]
    public async Task Readers_of_a_view_always_get_its_own_value_while_the_writer_adds_versions()
    {
        var writer = new VersionedOverlayWriter<string>();
        writer.Set(42, "0");
        var current = writer.Publish();
        var views = new List<(VersionedOverlay<string> View, string Value)> { (current, "0") };
        using var stop = new CancellationTokenSource();
        var wrong = 0;
        var reader = Task.Run(() =>
        {
            var random = new Random(1);
            while (!stop.IsCancellationRequested)
            {
                (VersionedOverlay<string> View, string Value) probe;
                lock (views)
                {
                    probe = views[random.Next(views.Count)];
                }
                if (probe.View[42] != probe.Value)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        for (var i = 1; i <= 20_000; i++)
        {
            writer.Set(42, $"{i}");
            writer.Set(i, $"{i}");
            var view = writer.Publish();
            if (i % 50 == 0)
            {
                lock (views)
                {
                    views.Add((view, $"{i}"));
                }
            }
        }
        await stop.CancelAsync();
        await reader;

        Assert.Equal(0, wrong);
    }

    /// <summary>Publishes <paramref name="count"/> versions of keys 1 and 2; the first view is returned or dropped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static VersionedOverlay<string>? PublishMany(VersionedOverlayWriter<string> writer, int count, bool keepFirst)
    {
        VersionedOverlay<string>? first = null;
        for (var i = 0; i < count; i++)
        {
            writer.Set(1, $"{i}");
            writer.Set(2, $"{i}");
            var view = writer.Publish();
            first ??= view;
        }
        return keepFirst ? first : null;
    }
}
