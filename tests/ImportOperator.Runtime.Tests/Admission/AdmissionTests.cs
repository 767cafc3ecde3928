using System.Text.Json.Nodes;
using ImportOperator.Runtime.Tests.Support;
using k8s.Models;
using static ImportOperator.Runtime.Tests.Support.ImportResources;

namespace ImportOperator.Runtime.Tests.Admission;

/// <summary>
/// The test API server admits and refuses HeadlessImports and ImportSchemas as kube-apiserver does with the CRDs of
/// config/crd/: 422 Invalid with a Status whose causes carry the CEL messages or schema errors, pruning of unknown
/// fields, and status writes judged apart from the spec.
/// </summary>
public sealed class AdmissionTests(ImportCrdServer server) : IClassFixture<ImportCrdServer>
{
    readonly ImportResources _imports = server.Imports;

    public static TheoryData<string, string, string, string, string> RefusedManifests => new()
    {
        {
            HeadlessImports, """
            metadata: {name: both-schema-ref-and-fields}
            spec:
              schemaRef: {name: contacts}
              fields: [{key: email, label: Email}]
              originalFilename: contacts.csv
            """,
            "spec", "FieldValueInvalid", "Invalid value: \"object\": exactly one of schemaRef or fields must be set"
        },
        {
            HeadlessImports, """
            metadata: {name: no-file-and-no-rows}
            spec:
              schemaRef: {name: contacts}
            """,
            "spec", "FieldValueInvalid", "Invalid value: \"object\": exactly one of originalFilename or initialData must be set"
        },
        {
            HeadlessImports, """
            metadata: {name: unknown-field-type}
            spec:
              fields: [{key: colour, label: Colour, type: colour}]
              originalFilename: paint.csv
            """,
            "spec.fields[0].type", "FieldValueNotSupported", "Unsupported value: \"colour\": supported values: \"string\", \"email\""
        },
        {
            HeadlessImports, """
            metadata: {name: duplicate-keys}
            spec:
              fields: [{key: email, label: Email}, {key: email, label: E-mail}]
              originalFilename: contacts.csv
            """,
            "spec.fields", "FieldValueInvalid", "Invalid value: \"array\": field keys must be unique"
        },
        {
            ImportSchemas, """
            metadata: {name: schema-with-duplicate-keys}
            spec:
              fields: [{key: email, label: Email}, {key: email, label: E-mail}]
            """,
            "spec.fields", "FieldValueInvalid", "Invalid value: \"array\": field keys must be unique"
        },
        {
            ImportSchemas, """
            metadata: {name: select-without-options}
            spec:
              fields: [{key: status, label: Status, type: select}]
            """,
            "spec.fields[0]", "FieldValueInvalid", "Invalid value: \"object\": a select or multi-select field needs at least one entry in selectOptions"
        },
    };

    [Theory]
    [MemberData(nameof(RefusedManifests))]
    public async Task A_bad_manifest_is_refused_with_422_Invalid_naming_the_field_and_the_rule(
        string plural, string yaml, string field, string reason, string message)
    {
        var manifest = Manifest(yaml);
        var name = (string)manifest["metadata"]!["name"]!;
        var kind = KindOf(plural);

        var status = await RefusalAsync(() => _imports.CreateAsync(plural, yaml));

        Assert.Equal(("Failure", "Invalid", 422), (status.Status, status.Reason, status.Code));
        Assert.Equal((name, Group, kind), (status.Details.Name, status.Details.Group, status.Details.Kind));
        var cause = Assert.Single(status.Details.Causes, c => c.Field == field);
        Assert.Equal(reason, cause.Reason);
        Assert.StartsWith(message, cause.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{kind}.{Group} \"{name}\" is invalid: ", status.Message, StringComparison.Ordinal);
        Assert.Contains($"{field}: {message}", status.Message, StringComparison.Ordinal);
        await AssertAbsentAsync(plural, name);
    }

    [Fact]
    public async Task An_unknown_field_type_leaves_the_CEL_rules_unchecked_and_says_so_as_kube_apiserver_does()
    {
        var status = await RefusalAsync(() => _imports.CreateAsync(HeadlessImports, """
            metadata: {name: type-error-and-rule-error}
            spec:
              schemaRef: {name: contacts}
              fields: [{key: a, label: A, type: colour}]
              originalFilename: a.csv
            """));

        Assert.Equal(["spec.fields[0].type", "<nil>"], status.Details.Causes.Select(c => c.Field));
        Assert.Contains("some validation rules were not checked because the object was invalid", status.Details.Causes[1].Message);
    }

    [Fact]
    public async Task The_spec_of_an_existing_HeadlessImport_is_immutable_by_patch_and_by_replace()
    {
        var created = await _imports.CreateAsync(HeadlessImports, FileImport("immutable-import"));
        const string immutable = "Invalid value: \"object\": spec is immutable: an import runs once; create a new HeadlessImport to import again";

        var patched = await RefusalAsync(() => _imports.MergePatchAsync(HeadlessImports, "immutable-import", """{"spec":{"originalFilename":"other.csv"}}"""));
        var replacement = (JsonObject)created.DeepClone();
        replacement["spec"]!["schemaRef"]!["name"] = "another-schema";
        var replaced = await RefusalAsync(() => _imports.ReplaceAsync(HeadlessImports, replacement));

        foreach (var status in (V1Status[])[patched, replaced])
        {
            var cause = Assert.Single(status.Details.Causes);
            Assert.Equal(("spec", immutable), (cause.Field, cause.Message));
        }
        var stored = await _imports.GetAsync(HeadlessImports, "immutable-import");
        Assert.Equal("contacts.csv", (string?)stored["spec"]!["originalFilename"]);
        Assert.Equal(created["metadata"]!["resourceVersion"]!.ToString(), stored["metadata"]!["resourceVersion"]!.ToString());
    }

    [Fact]
    public async Task Metadata_changes_to_an_existing_HeadlessImport_are_accepted()
    {
        await _imports.CreateAsync(HeadlessImports, FileImport("labelled-import"));

        var labelled = await _imports.MergePatchAsync(HeadlessImports, "labelled-import", """{"metadata":{"labels":{"team":"crm"},"finalizers":["importoperator.io/cleanup"]}}""");

        Assert.Equal("crm", (string?)labelled["metadata"]!["labels"]!["team"]);
        Assert.Equal(1, (long)labelled["metadata"]!["generation"]!);
    }

    const string ImportWithUnknownFields = """
        metadata: {name: pruned-import}
        spec:
          fields: [{key: first_name, label: First Name, colour: red}]
          initialData:
            - first_name: Zeph
              nickname: Z
          user: {id: jeff_id, shoeSize: 44}
          priority: high
        extra: true
        """;

    static readonly string[] UnknownFieldWarnings =
        ["unknown field \"spec.fields[0].colour\"", "unknown field \"spec.user.shoeSize\"", "unknown field \"spec.priority\"", "unknown field \"extra\""];

    [Fact]
    public async Task Unknown_fields_are_pruned_on_create_with_a_warning_while_free_form_rows_are_kept()
    {
        var (created, warnings) = await _imports.CreateWithWarningsAsync(HeadlessImports, ImportWithUnknownFields);
        var stored = await _imports.GetAsync(HeadlessImports, "pruned-import");

        Assert.Equal(UnknownFieldWarnings.Order(), warnings.Order());

        foreach (var obj in (JsonObject[])[created, stored])
        {
            var spec = obj["spec"]!.AsObject();
            Assert.False(spec.ContainsKey("priority"));
            Assert.False(obj.ContainsKey("extra"));
            Assert.False(spec["fields"]![0]!.AsObject().ContainsKey("colour"));
            Assert.False(spec["user"]!.AsObject().ContainsKey("shoeSize"));
            Assert.Equal("jeff_id", (string?)spec["user"]!["id"]);
            Assert.Equal("Z", (string?)spec["initialData"]![0]!["nickname"]);
        }
    }

    [Fact]
    public async Task Unknown_fields_refuse_the_write_when_the_client_asks_for_strict_field_validation()
    {
        var refused = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(
            () => _imports.CreateWithWarningsAsync(HeadlessImports, ImportWithUnknownFields.Replace("pruned-import", "strict-import"), fieldValidation: "Strict"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.Response.StatusCode);
        var status = k8s.KubernetesJson.Deserialize<V1Status>(refused.Response.Content);
        Assert.StartsWith("HeadlessImport in version \"v1alpha1\" cannot be handled as a HeadlessImport: strict decoding error: ", status.Message, StringComparison.Ordinal);
        Assert.All(UnknownFieldWarnings, unknown => Assert.Contains(unknown, status.Message));
        await AssertAbsentAsync(HeadlessImports, "strict-import");
    }

    [Fact]
    public async Task Status_writes_through_the_status_subresource_are_not_refused_by_spec_rules()
    {
        await _imports.CreateAsync(HeadlessImports, FileImport("finished-import"));

        // The spec in a /status write is ignored, as on a real server: not refused as a spec change.
        var written = await _imports.MergePatchStatusAsync(HeadlessImports, "finished-import", """
            {"spec": {"originalFilename": "ignored.csv"},
             "status": {"phase": "SUCCESSFUL", "observedGeneration": 1,
                        "resultMetadata": {"numDataRows": 10, "numValidRows": 9, "numInvalidRows": 1, "numResultRows": 9}}}
            """);

        Assert.Equal("SUCCESSFUL", (string?)written["status"]!["phase"]);
        Assert.Equal(10, (long)written["status"]!["resultMetadata"]!["numDataRows"]!);
        Assert.Equal("contacts.csv", (string?)written["spec"]!["originalFilename"]);
        Assert.Equal(1, (long)written["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task A_status_that_breaks_the_status_schema_is_refused()
    {
        await _imports.CreateAsync(ImportSchemas, """
            metadata: {name: schema-with-bad-status}
            spec:
              fields: [{key: email, label: Email}]
            """);

        var status = await RefusalAsync(() => _imports.MergePatchStatusAsync(ImportSchemas, "schema-with-bad-status", """
            {"status": {"conditions": [{"type": "Ready", "status": "Maybe", "reason": "Checked", "message": "", "lastTransitionTime": "2026-01-01T00:00:00Z"}]}}
            """));

        var cause = status.Details.Causes[0];
        Assert.Equal(("status.conditions[0].status", "FieldValueNotSupported"), (cause.Field, cause.Reason));
        Assert.StartsWith("Unsupported value: \"Maybe\"", cause.Message, StringComparison.Ordinal);
    }

    static string FileImport(string name) => $$"""
        metadata: {name: {{name}}}
        spec:
          schemaRef: {name: contacts}
          originalFilename: contacts.csv
          user: {id: jeff_id}
        """;

    async Task AssertAbsentAsync(string plural, string name)
    {
        var missing = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _imports.GetAsync(plural, name));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Response.StatusCode);
    }
}
