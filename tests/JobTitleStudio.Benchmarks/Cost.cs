using System.Diagnostics;
using System.Runtime.InteropServices;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// What a loop of <see cref="Count"/> items cost on this thread: wall-clock time, this process's CPU time (steadier on
/// a shared machine: it does not count time other processes held the core), this thread's CPU time (without the
/// runtime's background compiling either; NaN off Linux) and bytes allocated.
/// </summary>
internal readonly record struct Cost(int Count, double WallSeconds, double CpuSeconds, double ThreadCpuSeconds, long AllocatedBytes)
{
    private const int ThreadCpuClock = 3;

    public double BytesPerItem => AllocatedBytes / (double)Count;

    public static Cost Of(int count, Action<int> action)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var threadCpu = ThreadCpuMilliseconds();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            action(i);
        }
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var threadCpuSeconds = (ThreadCpuMilliseconds() - threadCpu) / 1e3;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new Cost(count, wall, cpuSeconds, threadCpuSeconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    /// <summary>
    /// Waits (at most 5 s) until the runtime stops compiling what a warm-up called: its optimised recompilations run
    /// on a background thread after a delay and their CPU time counts in the process's, so a timed loop that overlapped
    /// them (1-15 ms, up to a dozen methods, against loops of tens of milliseconds) jumped from run to run.
    /// </summary>
    public static void AwaitCompilation()
    {
        var clock = Stopwatch.StartNew();
        var compiled = -1L;
        while (clock.Elapsed < TimeSpan.FromSeconds(5) && System.Runtime.JitInfo.GetCompiledMethodCount() != compiled)
        {
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            Thread.Sleep(250);
        }
    }

    /// <summary>This thread's CPU time (Linux clock_gettime); NaN elsewhere.</summary>
    public static double ThreadCpuMilliseconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds / 1e6 : double.NaN;

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
