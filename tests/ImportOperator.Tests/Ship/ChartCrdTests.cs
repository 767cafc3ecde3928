using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Schema;

namespace ImportOperator.Tests.Ship;

/// <summary>The chart installs exactly the CRDs in config/crd/ (generated from the C# types), kept on uninstall.</summary>
public sealed class ChartCrdTests
{
    static readonly string[] CrdFiles = ["importoperator.io_headlessimports.yaml", "importoperator.io_importschemas.yaml"];

    [Fact]
    public void The_charts_crd_files_are_byte_for_byte_the_generated_ones()
    {
        var chartFiles = Directory.GetFiles(Path.Combine(ShipTools.Chart, "files", "crds"), "*.yaml").Select(Path.GetFileName).Order();
        Assert.Equal(CrdFiles, chartFiles);
        foreach (var file in CrdFiles)
            Assert.True(
                File.ReadAllBytes(RepositoryPaths.Of("config", "crd", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(ShipTools.Chart, "files", "crds", file))),
                $"charts/import-operator/files/crds/{file} differs from config/crd/{file}: copy it again (cp config/crd/importoperator.io_*.yaml charts/import-operator/files/crds/).");
    }

    [Fact]
    public void The_rendered_crds_equal_config_crd_plus_the_keep_policy_and_the_release_labels()
    {
        var rendered = YamlManifests.ReadAll(RenderedChart.TryRender().Output).Where(d => (string?)d["kind"] == "CustomResourceDefinition").ToList();
        Assert.Equal(2, rendered.Count);
        foreach (var file in CrdFiles)
        {
            var expected = YamlManifests.ReadOne(File.ReadAllText(RepositoryPaths.Of("config", "crd", file)));
            var actual = rendered.Single(d => (string?)d["metadata"]!["name"] == (string?)expected["metadata"]!["name"]).DeepClone();
            var metadata = actual["metadata"]!.AsObject();
            Assert.Equal("keep", (string?)metadata["annotations"]!["helm.sh/resource-policy"]);
            Assert.Equal("Helm", (string?)metadata["labels"]!["app.kubernetes.io/managed-by"]);
            metadata.Remove("annotations");
            metadata.Remove("labels");
            Assert.True(JsonNode.DeepEquals(expected, actual), $"The rendered CRD {expected["metadata"]!["name"]} differs from config/crd/{file} beyond its annotations and labels.");
        }
    }

    [Fact]
    public void Crds_install_false_renders_no_crd()
    {
        var chart = RenderedChart.Render(sets: ["crds.install=false"]);
        Assert.Empty(chart.OfType<k8s.Models.V1CustomResourceDefinition>());
    }
}
