using System.Diagnostics;

namespace UserManagement.Bench.Load;

/// <summary>The process's managed heap after a full, compacting collection, and its resident memory.</summary>
public sealed record MemorySnapshot(long HeapBytes, long WorkingSetBytes)
{
    public static MemorySnapshot Take()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
