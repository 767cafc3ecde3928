using ImportOperator.Cli;
using ImportOperator.Crds;

namespace ImportOperator.Tests.Crds;

public sealed class GeneratedCrdsAreCurrentTests
{
    [Fact]
    public void Config_crd_matches_what_the_csharp_types_generate()
    {
        var folder = RepositoryPaths.Of("config", "crd");
        var stale = CrdsCommand.StaleFiles(folder, CrdManifests.Render());
        Assert.True(stale.Count == 0,
            $"config/crd/ is out of date ({string.Join(", ", stale)}). Run `{CrdsCommand.RegenerateHint}` from the repository root and commit the result.");
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var first = CrdManifests.Render();
        var second = CrdManifests.Render();
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("importoperator.io_headlessimports.yaml", "headlessimports.importoperator.io")]
    [InlineData("importoperator.io_importschemas.yaml", "importschemas.importoperator.io")]
    public void Each_crd_has_its_own_file_listed_in_the_kustomization(string fileName, string crdName)
    {
        var files = CrdManifests.Render().ToDictionary(file => file.Name, file => file.Content);
        Assert.Contains($"name: {crdName}", files[fileName]);
        Assert.Contains($"- {fileName}", files["kustomization.yaml"]);
    }

    [Fact]
    public void The_field_reference_in_docs_resources_md_is_current()
    {
        Assert.True(CrdsCommand.DocsAreCurrent(RepositoryPaths.Of("docs", "resources.md")),
            $"docs/resources.md's field reference is out of date. Run `{CrdsCommand.RegenerateHint} --docs docs/resources.md` from the repository root.");
    }

    [Fact]
    public void Every_cel_rule_is_documented()
    {
        var docs = File.ReadAllText(RepositoryPaths.Of("docs", "resources.md"));
        foreach (var rule in CrdRules.All) Assert.Contains(rule.Message, docs);
    }
}
