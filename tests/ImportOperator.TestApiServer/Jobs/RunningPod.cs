using System.Diagnostics;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>A Pod whose process is running, so that a test can kill it as a crashing node would.</summary>
internal sealed class RunningPod(JobAttempt attempt, Process process)
{
    volatile bool _killedByNode;

    public JobAttempt Attempt => attempt;

    /// <summary>Whether the process ended because <see cref="KillAsNodeFailure"/> was called.</summary>
    public bool KilledByNode => _killedByNode;

    public void KillAsNodeFailure()
    {
        _killedByNode = true;
        KillTree(process);
    }

    public static void KillTree(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // It exited meanwhile.
        catch (System.ComponentModel.Win32Exception) { } // Already gone, or not ours to kill any more.
    }
}
