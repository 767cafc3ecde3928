using System.Diagnostics;

namespace ImportOperator.Runtime.Tests.Support;

/// <summary>Runs the real kubectl 1.35 that scripts/install-test-tools.sh puts in .tools/kubectl/kubectl.</summary>
public static class Kubectl
{
    public static string Path
    {
        get
        {
            var path = System.IO.Path.Combine(RepositoryPaths.Root, ".tools", "kubectl", "kubectl");
            if (!File.Exists(path)) Assert.Fail($"kubectl is missing at {path}: run scripts/install-test-tools.sh first");
            return path;
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string kubeconfig, params string[] args)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var a in args) start.ArgumentList.Add(a);
        // kubectl caches discovery under $HOME/.kube/cache by server address; a home beside this server's kubeconfig
        // keeps that cache out of the user's home and from a former server that had the same port.
        start.Environment["HOME"] = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(kubeconfig));
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
