using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ImportOperator.Tests.ProcessVerb;

/// <summary>The README's first command, run as users run it: the built executable on the samples, output piped.</summary>
public class ExecutableTests
{
    [Fact]
    public void The_readme_sample_runs_and_exits_by_its_outcome()
    {
        var output = Directory.CreateTempSubdirectory("import-operator-exe-").FullName;
        try
        {
            var samples = Path.Combine(RepositoryPaths.Root, "samples");
            var (exitCode, stdout, stderr) = RunExecutable("process",
                "-f", Path.Combine(samples, "contacts-schema.yaml"), "-f", Path.Combine(samples, "contacts-import.yaml"),
                "--file", Path.Combine(samples, "contacts.csv"), "--out", output);

            Assert.True(exitCode == 0, $"exit {exitCode}: {stdout}\n{stderr}");
            Assert.StartsWith("SUCCESSFUL (Completed)", stdout);
            Assert.DoesNotContain("\r", stderr); // no progress line when not on a terminal
            var status = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "status.json")))!;
            Assert.Equal("SUCCESSFUL", (string)status["phase"]!);
            Assert.True(File.Exists(Path.Combine(output, "data.json")));
            Assert.True(File.Exists(Path.Combine(output, "metadata.json")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Help_lists_the_process_verb_with_an_example()
    {
        var (exitCode, stdout, _) = RunExecutable("process", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--filename", stdout);
        Assert.Contains("Exit codes: 0 SUCCESSFUL, 3 NEEDS_REVIEW, 2 FAILED, 1 bad arguments or manifests", stdout);
    }

    [Fact]
    public void Missing_required_options_exit_with_1()
    {
        var (exitCode, _, stderr) = RunExecutable("process", "--out", "x");

        Assert.Equal(1, exitCode);
        Assert.Contains("--filename", stderr);
    }

    private static (int ExitCode, string Stdout, string Stderr) RunExecutable(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "import-operator.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("import-operator did not finish in 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
