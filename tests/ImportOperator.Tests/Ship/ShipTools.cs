using System.Diagnostics;

namespace ImportOperator.Tests.Ship;

/// <summary>
/// The real command-line tools the shipping tests drive: helm 4 and kubectl 1.35 from .tools/ (installed by
/// scripts/install-test-tools.sh), lua5.4 from apt (the same script installs it).
/// </summary>
public static class ShipTools
{
    public static string Helm { get; } = RepositoryPaths.Of(".tools", "helm", "helm");
    public static string Kubectl { get; } = RepositoryPaths.Of(".tools", "kubectl", "kubectl");
    public static string Lua { get; } = "lua5.4";

    public static string Chart { get; } = RepositoryPaths.Of("charts", "import-operator");

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string Describe(string what) => $"{what} exited with {ExitCode}.\n--- stderr ---\n{Error}\n--- stdout (head) ---\n{string.Join('\n', Output.Split('\n').Take(40))}";
    }

    /// <summary>Runs a tool to completion (generous timeout: the machine is shared) and returns what it printed.</summary>
    public static Result Run(string executable, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (Path.IsPathRooted(executable) && !File.Exists(executable))
            Assert.Fail($"{executable} is missing. Run `bash scripts/install-test-tools.sh` from the repository root first.");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot start {executable} ({e.Message}). Run `bash scripts/install-test-tools.sh` first.", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            var limit = timeout ?? TimeSpan.FromMinutes(2);
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{Path.GetFileName(executable)} {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds} s.");
            }
            return new Result(process.ExitCode, output.Result, error.Result);
        }
    }

    public static Result RunHelm(params string[] arguments) => Run(Helm, arguments);

    public static Result RunKubectl(string kubeconfig, params string[] arguments) => Run(Kubectl, ["--kubeconfig", kubeconfig, .. arguments]);
}
