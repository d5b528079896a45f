using System.Diagnostics;

namespace UserManagement.Bench.Load;

/// <summary>
/// The CPU time a process has used so far. Read before and after a round, it says which process the round's time went
/// to: the load generator, the gateway, the silo or the emulator.
/// </summary>
public sealed record CpuProbe(string Name, int ProcessId)
{
    public static CpuProbe ThisProcess { get; } = new("bench", Environment.ProcessId);

    public TimeSpan Read()
    {
        using var process = Process.GetProcessById(ProcessId);
        return process.TotalProcessorTime;
    }
}
