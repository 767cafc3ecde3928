using System.Diagnostics;
using System.Text;

namespace ImportOperator.Tests.Operator.Support;

/// <summary>
/// The real operator executable (import-operator.dll operator ...) as a child process: started, killed (as a node
/// crash would, no graceful shutdown) and started again by the tests. Its log is kept for failure messages.
/// </summary>
public sealed class OperatorProcess(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    readonly StringBuilder _log = new();
    Process? _process;

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "import-operator.dll");

    public string Log { get { lock (_log) return _log.ToString(); } }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Peak resident memory of the running operator (VmHWM), in bytes; null when not running or unknown.</summary>
    public long? PeakMemoryBytes => ProcStatus("VmHWM:");

    /// <summary>Resident memory of the running operator now (VmRSS), in bytes.</summary>
    public long? CurrentMemoryBytes => ProcStatus("VmRSS:");

    long? ProcStatus(string field)
    {
        if (_process is not { HasExited: false } process) return null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return null;
    }

    public void Start()
    {
        if (IsRunning) throw new InvalidOperationException("The operator is already running.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ExecutablePath);
        start.ArgumentList.Add("operator");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Append($"--- operator started (pid {process.Id}) ---");
    }

    /// <summary>Kills the process tree at once (SIGKILL): nothing is flushed, nothing is released.</summary>
    public void Kill()
    {
        if (_process is not { } process) return;
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        process.WaitForExit(10_000);
        Append($"--- operator killed (pid {process.Id}) ---");
        process.Dispose();
        _process = null;
    }

    public void Restart()
    {
        Kill();
        Start();
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>Kills the operator and keeps its whole log under artifacts/operator-logs (git-ignored), since a failure
    /// message only carries the tail and a CI run is read after the fact.</summary>
    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            var directory = Directory.CreateDirectory(RepositoryPaths.Of("artifacts", "operator-logs")).FullName;
            File.WriteAllText(Path.Combine(directory, $"operator-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}.log"), Log);
        }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
