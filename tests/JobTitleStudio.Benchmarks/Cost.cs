using System.Diagnostics;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// What a loop of <see cref="Count"/> items cost on this thread: wall-clock time, this process's CPU time (steadier on
/// a shared machine: it does not count time other processes held the core) and bytes allocated.
/// </summary>
internal readonly record struct Cost(int Count, double WallSeconds, double CpuSeconds, long AllocatedBytes)
{
    public double BytesPerItem => AllocatedBytes / (double)Count;

    public static Cost Of(int count, Action<int> action)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            action(i);
        }
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new Cost(count, wall, cpuSeconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
