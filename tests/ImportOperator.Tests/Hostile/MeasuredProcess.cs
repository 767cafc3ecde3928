using System.Diagnostics;

namespace ImportOperator.Tests.Hostile;

/// <summary>
/// Runs the built import-operator executable as a child process, as users run it, and records its peak resident
/// memory (VmHWM from /proc, polled while it runs) and its wall time.
/// </summary>
public sealed record MeasuredProcess(int ExitCode, string Stdout, string Stderr, long PeakResidentBytes, TimeSpan Elapsed)
{
    /// <summary>Far above a run's real needs, still far below a runaway: bounds for a loaded 2-core CI machine.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(60);
    public const long MemoryBound = 400L * 1024 * 1024;

    public static MeasuredProcess Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "import-operator.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(50))
        {
            peak = Math.Max(peak, PeakResident(process.Id));
            if (clock.Elapsed > TimeBound)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"import-operator {string.Join(' ', args)}: still running after {TimeBound.TotalSeconds:0} s (peak {peak >> 20} MB) — it hangs.");
            }
        }

        return new MeasuredProcess(process.ExitCode, stdout.Result, stderr.Result, peak, clock.Elapsed);
    }

    /// <summary>Asserts the run stayed within the memory bound, saying what it used.</summary>
    public void AssertWithinMemory()
    {
        Assert.True(PeakResidentBytes > 0, "no memory reading: /proc/<pid>/status was not readable while the process ran");
        Assert.True(PeakResidentBytes < MemoryBound,
            $"peak resident memory {PeakResidentBytes >> 20} MB, over the {MemoryBound >> 20} MB bound (exit {ExitCode}, {Elapsed.TotalSeconds:0.0} s)");
    }

    /// <summary>The process's high-water resident set (VmHWM) in bytes; 0 once it is gone.</summary>
    private static long PeakResident(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
