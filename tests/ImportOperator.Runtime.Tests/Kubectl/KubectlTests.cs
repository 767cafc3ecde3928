using ImportOperator.Runtime.Tests.Support;

namespace ImportOperator.Runtime.Tests.KubectlCompat;

/// <summary>Real kubectl 1.35 against the test API server: apply, get with printer columns, delete.</summary>
public sealed class KubectlTests
{
    [Fact]
    public async Task Kubectl_applies_lists_with_printer_columns_and_deletes_custom_resources()
    {
        var kubectl = Kubectl.Path;
        Assert.True(File.Exists(kubectl));
        await using var scope = await ServerScope.StartAsync(o => o.CrdPaths.Clear());
        var config = scope.Server.KubeconfigPath;
        var crd = ServerScope.FixturePath("widgets-crd.yaml");
        var samples = ServerScope.FixturePath("widgets-sample.yaml");

        var applyCrd = await Kubectl.RunAsync(config, "apply", "-f", crd);
        Assert.True(applyCrd.ExitCode == 0, applyCrd.Output);
        var apply = await Kubectl.RunAsync(config, "apply", "-f", samples);
        Assert.True(apply.ExitCode == 0, apply.Output);
        Assert.Contains("widget.test.example.com/blue-widget created", apply.Output);

        var reapply = await Kubectl.RunAsync(config, "apply", "-f", samples);
        Assert.Contains("widget.test.example.com/blue-widget unchanged", reapply.Output);

        var get = await Kubectl.RunAsync(config, "get", "widgets");
        Assert.True(get.ExitCode == 0, get.Output);
        var lines = get.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "SIZE", "PHASE", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("blue-widget", lines[1]);
        Assert.Equal("3", lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.StartsWith("red-widget", lines[2]);

        var delete = await Kubectl.RunAsync(config, "delete", "-f", samples);
        Assert.True(delete.ExitCode == 0, delete.Output);
        var after = await Kubectl.RunAsync(config, "get", "widgets");
        Assert.Contains("No resources found", after.Output);
    }
}
