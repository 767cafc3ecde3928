using System.Diagnostics;

namespace ImportOperator.Runtime.Tests.Support;

/// <summary>Runs the real kubectl 1.35 that scripts/install-test-tools.sh puts in .tools/kubectl/kubectl.</summary>
public static class Kubectl
{
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ImportOperator.sln"))) dir = dir.Parent;
            var path = dir is null ? null : System.IO.Path.Combine(dir.FullName, ".tools", "kubectl", "kubectl");
            if (path is null || !File.Exists(path))
                Assert.Fail($"kubectl is missing at {path ?? ".tools/kubectl/kubectl"}: run scripts/install-test-tools.sh first");
            return path!;
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string kubeconfig, params string[] args)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["HOME"] = System.IO.Path.GetTempPath(); // keep kubectl's discovery cache out of the user's home
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kubectl {string.Join(' ', args)} did not finish within 60 s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
