using ImportOperator.TestApiServer.Schema;
using System.Text.Json.Nodes;
using ImportOperator.Crds;

namespace ImportOperator.Tests.Crds;

/// <summary>What kubectl users see of the CRDs: names, scope, printer columns, status subresource.</summary>
public sealed class CrdShapeTests
{
    private static JsonNode Crd(string fileName) =>
        YamlManifests.ReadOne(CrdManifests.Render().Single(file => file.Name == fileName).Content);

    [Theory]
    [InlineData("importoperator.io_headlessimports.yaml", "HeadlessImport", "hi")]
    [InlineData("importoperator.io_importschemas.yaml", "ImportSchema", "isch")]
    public void Names_scope_category_and_status_subresource(string fileName, string kind, string shortName)
    {
        var crd = Crd(fileName);
        Assert.Equal("importoperator.io", (string?)crd["spec"]!["group"]);
        Assert.Equal("Namespaced", (string?)crd["spec"]!["scope"]);
        var names = crd["spec"]!["names"]!;
        Assert.Equal(kind, (string?)names["kind"]);
        Assert.Equal([shortName], names["shortNames"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["imports"], names["categories"]!.AsArray().Select(n => (string)n!));
        var version = crd["spec"]!["versions"]![0]!;
        Assert.Equal("v1alpha1", (string?)version["name"]);
        Assert.NotNull(version["subresources"]!["status"]);
    }

    [Theory]
    [InlineData("importoperator.io_headlessimports.yaml", "Phase=.status.phase", "Rows=.status.resultMetadata.numDataRows",
        "Invalid=.status.resultMetadata.numInvalidRows", "Progress=.status.progress.percent", "Age=.metadata.creationTimestamp")]
    [InlineData("importoperator.io_importschemas.yaml", "Ready=.status.conditions[?(@.type==\"Ready\")].status",
        "Fields=.status.fieldCount", "Age=.metadata.creationTimestamp")]
    public void Printer_columns(string fileName, params string[] expected)
    {
        var columns = Crd(fileName)["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray()
            .Select(column => $"{column!["name"]}={column["jsonPath"]}");
        Assert.Equal(expected, columns);
    }

    [Fact]
    public void No_nullable_false_noise_and_no_defaults_on_import_settings()
    {
        var yaml = CrdManifests.Render().Single(file => file.Name == "importoperator.io_headlessimports.yaml").Content;
        Assert.DoesNotContain("nullable", yaml);
        var settings = Crd("importoperator.io_headlessimports.yaml")["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!
            ["properties"]!["spec"]!["properties"]!["settings"]!.ToJsonString();
        // A default would be filled in by the API server and then win over the saved schema's value in the merge.
        Assert.DoesNotContain("\"default\"", settings);
    }

    [Theory]
    [InlineData("importoperator.io_headlessimports.yaml", "spec.fields[*].validators[*].fieldValues", "spec.initialData[*]")]
    [InlineData("importoperator.io_importschemas.yaml", "spec.fields[*].validators[*].fieldValues")]
    public void Only_free_form_values_keep_unknown_fields(string fileName, params string[] expected)
    {
        var root = Crd(fileName)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;
        var preserving = new List<string>();
        CollectPreserving(root, "", preserving);
        Assert.Equal(expected, preserving.Order());
    }

    private static void CollectPreserving(JsonNode schema, string path, List<string> found)
    {
        if ((bool?)schema["x-kubernetes-preserve-unknown-fields"] == true) found.Add(path);
        if (schema["properties"] is JsonObject properties)
            foreach (var (name, child) in properties) CollectPreserving(child!, path.Length == 0 ? name : $"{path}.{name}", found);
        if (schema["items"] is JsonObject items) CollectPreserving(items, path + "[*]", found);
        if (schema["additionalProperties"] is JsonObject additional) CollectPreserving(additional, path + "[*]", found);
    }
}
