using ImportOperator.Cli;

namespace ImportOperator.Tests.Crds;

public sealed class CrdsCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crds-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Writes_the_crds_then_check_passes_and_fails_after_a_hand_edit()
    {
        Assert.Equal(1, await CommandLine.RunAsync(["crds", "--out", _folder, "--check"]));

        Assert.Equal(0, await CommandLine.RunAsync(["crds", "--out", _folder]));
        Assert.Equal(
            ["importoperator.io_headlessimports.yaml", "importoperator.io_importschemas.yaml", "kustomization.yaml"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(0, await CommandLine.RunAsync(["crds", "--out", _folder, "--check"]));

        var crd = Path.Combine(_folder, "importoperator.io_importschemas.yaml");
        File.AppendAllText(crd, "# edited by hand\n");
        Assert.Equal(1, await CommandLine.RunAsync(["crds", "--out", _folder, "--check"]));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
