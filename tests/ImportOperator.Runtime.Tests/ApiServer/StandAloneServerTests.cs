using System.Diagnostics;
using k8s;

namespace ImportOperator.Runtime.Tests.ApiServer;

/// <summary>The test API server run as its own process prints a kubeconfig that a client can use at once.</summary>
public sealed class StandAloneServerTests
{
    [Fact]
    public async Task The_executable_prints_a_working_kubeconfig_and_stops_when_killed()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ImportOperator.TestApiServer.dll");
        var crd = Support.RepositoryPaths.CrdFolder; // as the README demo runs it: with the product's CRDs
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[dll, "--crds", crd]) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            var kubeconfig = new System.Text.StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                kubeconfig.AppendLine(line);
                if (line.StartsWith("current-context:", StringComparison.Ordinal)) break;
            }

            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(kubeconfig.ToString()));
            var config = await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(stream);
            using var client = new Kubernetes(config);
            var namespaces = await client.CoreV1.ListNamespaceAsync();
            var crds = await client.ApiextensionsV1.ListCustomResourceDefinitionAsync();

            Assert.StartsWith("http://127.0.0.1:", config.Host);
            Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
            Assert.Equal(["headlessimports.importoperator.io", "importschemas.importoperator.io"], crds.Items.Select(c => c.Metadata.Name).Order());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.True(process.HasExited);
    }
}
