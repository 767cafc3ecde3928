using ImportOperator.TestApiServer.Schema;
using System.Diagnostics;

namespace ImportOperator.Tests.Crds;

/// <summary>The kustomize bases build with the real kubectl 1.35 (installed by scripts/install-test-tools.sh).</summary>
public sealed class KustomizeTests
{
    private static readonly string Kubectl = RepositoryPaths.Of(".tools", "kubectl", "kubectl");

    [Theory]
    [InlineData("config/default")]
    [InlineData("config/samples")]
    public void Kubectl_kustomize_builds(string folder)
    {
        var (exitCode, output, error) = RunKubectl("kustomize", RepositoryPaths.Of(folder));
        Assert.True(exitCode == 0, $"kubectl kustomize {folder} failed:{Environment.NewLine}{error}");
        Assert.Contains("importoperator.io", output);
    }

    [Fact]
    public void The_default_install_puts_everything_namespaced_in_import_operator_system()
    {
        var (exitCode, output, error) = RunKubectl("kustomize", RepositoryPaths.Of("config", "default"));
        Assert.True(exitCode == 0, error);
        var documents = YamlManifests.ReadAll(output);
        string[] clusterScoped = ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"];
        foreach (var document in documents.Where(d => !clusterScoped.Contains((string?)d["kind"])))
            Assert.Equal("import-operator-system", (string?)document["metadata"]!["namespace"]);
        var kinds = documents.Select(d => (string?)d["kind"]).ToList();
        Assert.Equal(2, kinds.Count(kind => kind == "CustomResourceDefinition"));
        Assert.Contains("Deployment", kinds);
        Assert.Equal(2, kinds.Count(kind => kind == "ServiceAccount"));
    }

    private static (int ExitCode, string Output, string Error) RunKubectl(params string[] arguments)
    {
        Assert.True(File.Exists(Kubectl),
            $"{Kubectl} is missing. Run `bash scripts/install-test-tools.sh` from the repository root first (it installs kubectl 1.35 into .tools/).");
        var start = new ProcessStartInfo(Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail($"kubectl {string.Join(' ', arguments)} did not finish within 60 s.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
