using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Schema;

namespace ImportOperator.Tests.Crds;

/// <summary>The test API server's admission behaves like kube-apiserver's where the operator and users notice.</summary>
public sealed class CrdValidatorTests
{
    private const string ValidImport = """
        apiVersion: importoperator.io/v1alpha1
        kind: HeadlessImport
        metadata: {name: x, labels: {a: b}}
        spec:
          fields: [{key: a, label: A}]
          originalFilename: a.csv
        """;

    [Fact]
    public void Unknown_fields_are_pruned_but_free_form_rows_are_kept()
    {
        var manifest = YamlManifests.ReadOne("""
            apiVersion: importoperator.io/v1alpha1
            kind: HeadlessImport
            metadata: {name: x}
            colour: blue
            spec:
              fields: [{key: a, label: A, favourite: true}]
              initialData: [{a: 1, extra: {nested: [1, 2]}}]
              tpyo: 3
            """);

        Assert.Empty(GeneratedValidators.Validate(manifest));

        Assert.Null(manifest["colour"]);
        Assert.Null(manifest["spec"]!["tpyo"]);
        Assert.Null(manifest["spec"]!["fields"]![0]!["favourite"]);
        Assert.Equal("""{"a":1,"extra":{"nested":[1,2]}}""", manifest["spec"]!["initialData"]![0]!.ToJsonString());
    }

    [Fact]
    public void Metadata_is_left_to_the_api_server()
    {
        var manifest = YamlManifests.ReadOne(ValidImport);
        Assert.Empty(GeneratedValidators.Validate(manifest));
        Assert.Equal("b", (string?)manifest["metadata"]!["labels"]!["a"]);
    }

    [Fact]
    public void Nulls_are_dropped_and_no_default_is_filled_in()
    {
        var manifest = YamlManifests.ReadOne("""
            apiVersion: importoperator.io/v1alpha1
            kind: HeadlessImport
            metadata: {name: x}
            spec:
              fields: [{key: a, label: A, description: null}]
              originalFilename: a.csv
              settings: {maxRecords: null}
            """);

        Assert.Empty(GeneratedValidators.Validate(manifest));

        // No default on a field's type: the stored object stays as written, so re-applying it changes nothing
        // (kubectl says "unchanged", Argo CD shows no drift); the engine reads a missing type as string.
        Assert.False(manifest["spec"]!["fields"]![0]!.AsObject().ContainsKey("type"));
        Assert.False(manifest["spec"]!["fields"]![0]!.AsObject().ContainsKey("description"));
        Assert.False(manifest["spec"]!["settings"]!.AsObject().ContainsKey("maxRecords"));
        // No default on settings: an import's settings are merged key by key over its schema's.
        Assert.False(manifest["spec"]!["settings"]!.AsObject().ContainsKey("invalidDataBehavior"));
    }

    [Fact]
    public void Status_conditions_follow_the_standard_condition_schema()
    {
        var manifest = YamlManifests.ReadOne("""
            apiVersion: importoperator.io/v1alpha1
            kind: ImportSchema
            metadata: {name: s}
            spec: {fields: [{key: a, label: A}]}
            status:
              fieldCount: 1
              conditions:
                - {type: Ready, status: Maybe, reason: Checked, message: '', lastTransitionTime: '2024-03-27T10:00:00Z'}
                - {type: Ready, status: 'True', reason: '', message: '', lastTransitionTime: yesterday}
            """);

        var errors = GeneratedValidators.Validate(manifest).Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith("status.conditions[0].status: Unsupported value: \"Maybe\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("status.conditions[1].reason: Invalid value: \"\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("status.conditions[1].lastTransitionTime: Invalid value: \"yesterday\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("status.conditions[1]: Duplicate value: {\"type\":\"Ready\"}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_status_is_accepted()
    {
        var manifest = YamlManifests.ReadOne(ValidImport);
        manifest["status"] = JsonNode.Parse("""
            {"phase": "SUCCESSFUL", "id": "0b9f", "resultMetadata": {"numDataRows": 10, "numValidRows": 9, "numInvalidRows": 1, "numResultRows": 9},
             "importErrors": [{"rowIndex": 3, "fieldKey": "a", "message": "Required", "level": "error"}],
             "startTime": "2024-03-27T10:00:00Z", "completionTime": "2024-03-27T10:00:05.123Z", "observedGeneration": 1,
             "conditions": [{"type": "Complete", "status": "True", "reason": "Succeeded", "message": "", "lastTransitionTime": "2024-03-27T10:00:05Z", "observedGeneration": 1}]}
            """);
        Assert.Empty(GeneratedValidators.Validate(manifest));
    }

    [Fact]
    public void Transition_rules_do_not_run_on_create()
    {
        var validator = CrdValidator.FromCrd(TinyCrd("""{"rule": "self == oldSelf", "message": "immutable"}"""));
        Assert.Empty(validator.ValidateAndPrune(Tiny("a"), null));
        Assert.Empty(validator.ValidateAndPrune(Tiny("a"), Tiny("a")));
        Assert.Equal("spec.value: Invalid value: \"string\": immutable", Assert.Single(validator.ValidateAndPrune(Tiny("b"), Tiny("a"))).ToString());
    }

    [Fact]
    public void A_rule_without_message_reports_the_rule_and_field_path_moves_the_error()
    {
        var validator = CrdValidator.FromCrd(TinyCrd("""{"rule": "self.size() > 1 || size(self) > 1", "fieldPath": ".x"}"""));
        var error = Assert.Single(validator.ValidateAndPrune(Tiny("a"), null));
        Assert.Equal("spec.value.x", error.Path);
        Assert.Equal("Invalid value: \"string\": failed rule: self.size() > 1 || size(self) > 1", error.Message);
    }

    [Fact]
    public void A_rule_that_does_not_compile_refuses_the_crd()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => CrdValidator.FromCrd(TinyCrd("""{"rule": "self ==", "message": "m"}""")));
        Assert.Contains("does not compile", exception.Message);
    }

    [Fact]
    public void Cel_rules_are_not_checked_when_a_value_has_the_wrong_type_but_are_when_only_a_required_field_is_missing()
    {
        var wrongType = YamlManifests.ReadOne("""
            apiVersion: importoperator.io/v1alpha1
            kind: HeadlessImport
            metadata: {name: x}
            spec: {fields: [{key: a, label: A, type: colour}]}
            """);
        var errors = GeneratedValidators.Validate(wrongType).Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("spec.fields[0].type: Unsupported value", StringComparison.Ordinal));
        Assert.Contains($"<nil>: Invalid value: \"null\": {CrdValidator.RulesNotCheckedMessage}", errors);
        Assert.DoesNotContain(errors, e => e.Contains("exactly one of", StringComparison.Ordinal));

        var missingId = YamlManifests.ReadOne("""
            apiVersion: importoperator.io/v1alpha1
            kind: HeadlessImport
            metadata: {name: x}
            spec: {fields: [{key: a, label: A}], user: {name: Jeff}}
            """);
        Assert.Equal(
            ["spec.user.id: Required value", "spec: Invalid value: \"object\": exactly one of originalFilename or initialData must be set"],
            GeneratedValidators.Validate(missingId).Select(e => e.ToString()));
    }

    [Fact]
    public void Validation_is_safe_to_run_concurrently()
    {
        // The test API server admits requests in parallel with one validator per CRD.
        var results = new IReadOnlyList<FieldError>[64];
        Parallel.For(0, results.Length, i =>
        {
            var yaml = i % 2 == 0 ? ValidImport : ValidImport.Replace("originalFilename: a.csv", "schemaRef: {name: s}\n  originalFilename: a.csv");
            results[i] = GeneratedValidators.Validate(YamlManifests.ReadOne(yaml));
        });
        for (var i = 0; i < results.Length; i++)
        {
            if (i % 2 == 0) Assert.Empty(results[i]);
            else Assert.Equal("spec: Invalid value: \"object\": exactly one of schemaRef or fields must be set", Assert.Single(results[i]).ToString());
        }
    }

    [Fact]
    public void Registration_facts_come_from_the_crd()
    {
        var validator = GeneratedValidators.For("ImportSchema");
        Assert.Equal(("importoperator.io", "importschemas", "ImportSchema", "v1alpha1", true),
            (validator.Group, validator.Plural, validator.Kind, validator.Version, validator.Namespaced));
    }

    private static JsonNode Tiny(string value) =>
        JsonNode.Parse($$$"""{"apiVersion": "t.io/v1", "kind": "Tiny", "metadata": {"name": "t"}, "spec": {"value": "{{{value}}}"}}""")!;

    private static JsonNode TinyCrd(string rule) => JsonNode.Parse("""
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "tinies.t.io"},
         "spec": {"group": "t.io", "scope": "Namespaced", "names": {"kind": "Tiny", "plural": "tinies"},
          "versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema": {"type": "object", "properties": {
            "apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
            "spec": {"type": "object", "properties": {"value": {"type": "string", "x-kubernetes-validations": [RULE]}}}}}}}]}}
        """.Replace("RULE", rule, StringComparison.Ordinal))!;
}
