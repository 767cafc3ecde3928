using ImportOperator.TestApiServer.Schema;
namespace ImportOperator.Tests.Crds;

public sealed class SampleManifestTests
{
    private static IEnumerable<string> SampleFileNames() =>
        Directory.GetFiles(RepositoryPaths.Of("config", "samples"), "*.yaml")
            .Select(path => Path.GetFileName(path))
            .Where(name => name != "kustomization.yaml")
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Samples() => new(SampleFileNames());

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_is_accepted_by_the_generated_crd(string fileName)
    {
        var manifest = YamlManifests.ReadOne(File.ReadAllText(RepositoryPaths.Of("config", "samples", fileName)));
        var errors = GeneratedValidators.Validate(manifest);
        Assert.True(errors.Count == 0, $"{fileName} is refused:{Environment.NewLine}{GeneratedValidators.Describe(errors)}");
    }

    [Fact]
    public void The_samples_cover_a_schema_a_file_import_an_initial_data_import_and_hooks()
    {
        var manifests = SampleFileNames()
            .Select(name => YamlManifests.ReadOne(File.ReadAllText(RepositoryPaths.Of("config", "samples", name))))
            .ToList();
        Assert.Contains(manifests, m => (string?)m["kind"] == "ImportSchema");
        Assert.Contains(manifests, m => m["spec"]!["schemaRef"] is not null && m["spec"]!["originalFilename"] is not null);
        Assert.Contains(manifests, m => m["spec"]!["initialData"] is not null);
        Assert.Contains(manifests, m => m["spec"]!["hooks"]?["columnHooks"] is not null);
    }

    [Fact]
    public void The_seed_example_keeps_its_inline_rows_and_row_hook()
    {
        var manifest = YamlManifests.ReadOne(File.ReadAllText(RepositoryPaths.Of("config", "samples", "headlessimport-initial-data.yaml")));
        Assert.Empty(GeneratedValidators.Validate(manifest));
        // initialData is free-form: the API server must not prune the row's keys.
        Assert.Equal("""[{"first_name":"Zeph","last_name":"paul.zeph@gmail.com"}]""", manifest["spec"]!["initialData"]!.ToJsonString());
        Assert.Contains("Updated from row hook", (string?)manifest["spec"]!["hooks"]!["rowHooks"]![0]);
    }
}
