using ImportOperator.TestApiServer.Schema;
using ImportOperator.Engine.Schema;
using System.Text.Json.Nodes;

namespace ImportOperator.Tests.Crds;

/// <summary>Manifests the API server must refuse, each with the message a user reads in kubectl's answer.</summary>
public sealed class RefusedManifestTests
{
    private const string InlineFields = """
        fields:
          - {key: first_name, label: First Name}
        """;

    public static TheoryData<string, string, string> RefusedImports() => new()
    {
        {
            "both schemaRef and fields",
            Import("schemaRef: {name: contacts}", InlineFields, "originalFilename: a.csv"),
            "spec: Invalid value: \"object\": exactly one of schemaRef or fields must be set"
        },
        {
            "neither schemaRef nor fields",
            Import("originalFilename: a.csv"),
            "spec: Invalid value: \"object\": exactly one of schemaRef or fields must be set"
        },
        {
            "both originalFilename and initialData",
            Import(InlineFields, "originalFilename: a.csv", "initialData: [{first_name: Zeph}]"),
            "spec: Invalid value: \"object\": exactly one of originalFilename or initialData must be set"
        },
        {
            "neither originalFilename nor initialData",
            Import(InlineFields),
            "spec: Invalid value: \"object\": exactly one of originalFilename or initialData must be set"
        },
        {
            "unknown field type",
            Import("fields: [{key: color, label: Colour, type: colour}]", "originalFilename: a.csv"),
            "spec.fields[0].type: Unsupported value: \"colour\": supported values: \"string\", \"email\""
        },
        {
            "unknown validator",
            Import("fields: [{key: a, label: A, validators: [{validate: must_be_nice}]}]", "originalFilename: a.csv"),
            "spec.fields[0].validators[0].validate: Unsupported value: \"must_be_nice\": supported values: \"required\""
        },
        {
            "select without options",
            Import("fields: [{key: status, label: Status, type: select}]", "originalFilename: a.csv"),
            "spec.fields[0]: Invalid value: \"object\": a select or multi-select field needs at least one entry in selectOptions"
        },
        {
            "multi-select with an empty option list",
            Import("fields: [{key: tags, label: Tags, type: multi-select, selectOptions: []}]", "originalFilename: a.csv"),
            "spec.fields[0]: Invalid value: \"object\": a select or multi-select field needs at least one entry in selectOptions"
        },
        {
            "duplicate field keys",
            Import("fields: [{key: a, label: A}, {key: b, label: B}, {key: a, label: A again}]", "originalFilename: a.csv"),
            "spec.fields: Invalid value: \"array\": field keys must be unique"
        },
        {
            "user without id",
            Import(InlineFields, "originalFilename: a.csv", "user: {name: Jeff, email: jeff@dromo.io}"),
            "spec.user.id: Required value"
        },
        {
            "user with an empty id",
            Import(InlineFields, "originalFilename: a.csv", "user: {id: ''}"),
            "spec.user.id: Invalid value: \"\": spec.user.id in body should be at least 1 chars long"
        },
        {
            "field without a key",
            Import("fields: [{label: First Name}]", "originalFilename: a.csv"),
            "spec.fields[0].key: Required value"
        },
        {
            "an empty inline schema",
            Import("fields: []", "originalFilename: a.csv"),
            "spec.fields: Invalid value: 0: spec.fields in body should have at least 1 items"
        },
        {
            "require_with without fields",
            Import("fields: [{key: a, label: A, validators: [{validate: require_with}]}]", "originalFilename: a.csv"),
            "spec.fields[0].validators[0]: Invalid value: \"object\": require_with, require_without, require_with_all and require_without_all need the keys of the other fields in fields"
        },
        {
            "regex_match without regex",
            Import("fields: [{key: a, label: A, validators: [{validate: regex_match}]}]", "originalFilename: a.csv"),
            "spec.fields[0].validators[0]: Invalid value: \"object\": regex_match and regex_exclude need regex"
        },
        {
            "require_with_values without fieldValues",
            Import("fields: [{key: a, label: A, validators: [{validate: require_with_values}]}]", "originalFilename: a.csv"),
            "spec.fields[0].validators[0]: Invalid value: \"object\": require_with_values, require_without_values, require_with_all_values and require_without_all_values need fieldValues"
        },
        {
            "unique_with without uniqueKey",
            Import("fields: [{key: a, label: A, validators: [{validate: unique_with}]}]", "originalFilename: a.csv"),
            "spec.fields[0].validators[0]: Invalid value: \"object\": unique_with needs uniqueKey"
        },
        {
            "unknown invalidDataBehavior",
            Import(InlineFields, "originalFilename: a.csv", "settings: {invalidDataBehavior: DROP_EVERYTHING}"),
            "spec.settings.invalidDataBehavior: Unsupported value: \"DROP_EVERYTHING\""
        },
        {
            "maxRecords below one",
            Import(InlineFields, "originalFilename: a.csv", "settings: {maxRecords: 0}"),
            "spec.settings.maxRecords: Invalid value: 0: spec.settings.maxRecords in body should be greater than or equal to 1"
        },
        {
            "a string where a number belongs",
            Import(InlineFields, "originalFilename: a.csv", "settings: {maxRecords: lots}"),
            "spec.settings.maxRecords: Invalid value: \"string\": spec.settings.maxRecords in body must be of type integer: \"string\""
        },
        {
            "no spec at all",
            "apiVersion: importoperator.io/v1alpha1\nkind: HeadlessImport\nmetadata: {name: x}\n",
            "spec: Required value"
        },
    };

    [Theory]
    [MemberData(nameof(RefusedImports))]
    public void A_bad_import_is_refused_with_a_clear_message(string mistake, string yaml, string expectedMessage)
    {
        var errors = GeneratedValidators.Validate(YamlManifests.ReadOne(yaml));
        Assert.True(errors.Any(error => error.ToString().StartsWith(expectedMessage, StringComparison.Ordinal)),
            $"{mistake}: expected '{expectedMessage}', got:{Environment.NewLine}{GeneratedValidators.Describe(errors)}");
    }

    public static TheoryData<string, string, string> RefusedSchemas() => new()
    {
        {
            "no fields",
            "spec: {settings: {importIdentifier: x}}",
            "spec.fields: Required value"
        },
        {
            "duplicate field keys",
            "spec: {fields: [{key: a, label: A}, {key: a, label: B}]}",
            "spec.fields: Invalid value: \"array\": field keys must be unique"
        },
        {
            "select without options",
            "spec: {fields: [{key: s, label: S, type: select}]}",
            "spec.fields[0]: Invalid value: \"object\": a select or multi-select field needs at least one entry in selectOptions"
        },
        {
            "unknown field type",
            "spec: {fields: [{key: s, label: S, type: text}]}",
            "spec.fields[0].type: Unsupported value: \"text\""
        },
    };

    [Theory]
    [MemberData(nameof(RefusedSchemas))]
    public void A_bad_schema_is_refused_with_a_clear_message(string mistake, string specYaml, string expectedMessage)
    {
        var yaml = $"apiVersion: importoperator.io/v1alpha1\nkind: ImportSchema\nmetadata: {{name: contacts}}\n{specYaml}\n";
        var errors = GeneratedValidators.Validate(YamlManifests.ReadOne(yaml));
        Assert.True(errors.Any(error => error.ToString().StartsWith(expectedMessage, StringComparison.Ordinal)),
            $"{mistake}: expected '{expectedMessage}', got:{Environment.NewLine}{GeneratedValidators.Describe(errors)}");
    }

    public static TheoryData<string, string> AcceptedImports() => new()
    {
        { "every validator with its parameters", Import("""
            fields:
              - key: a
                label: A
                validators:
                  - {validate: required}
                  - {validate: unique}
                  - {validate: unique_case_insensitive}
                  - {validate: unique_with, uniqueKey: pair}
                  - {validate: regex_match, regex: '^[a-z]+$', regexOptions: {ignoreCase: true}}
                  - {validate: regex_exclude, regex: 'x'}
                  - {validate: require_with, fields: [b]}
                  - {validate: require_without_all, fields: [b]}
                  - {validate: require_with_values, fieldValues: {b: 'yes'}}
                  - {validate: require_without_all_values, fieldValues: {b: ['no', 'never']}}
                  - {validate: length, min: 1, max: 10, level: warning}
                  - {validate: alphabetical, errorMessage: letters only, level: info}
              - {key: b, label: B, type: select, selectOptions: [{label: Yes, value: 'yes'}]}
            """, "originalFilename: a.csv") },
        // has() is key presence in Kubernetes: an empty list is "given" for the exactly-one-of rules.
        { "an empty initialData list counts as given", Import(InlineFields, "initialData: []") },
        { "a select that allows custom values still lists its options", Import(
            "fields: [{key: s, label: S, type: multi-select, typeOptions: {allowCustom: true, delimiter: ';'}, selectOptions: [{label: A, value: a}]}]",
            "initialData: []") },
        { "settings merged over a saved schema", Import(
            "schemaRef: {name: contacts}", "originalFilename: a.xlsx",
            "settings: {uploadStep: {sheetOverride: Sheet2}, matchingStep: {headerRowOverride: 2}, uploadUrlExpirySeconds: 600, ttlSecondsAfterFinished: 0}") },
    };

    [Theory]
    [MemberData(nameof(AcceptedImports))]
    public void A_good_import_is_accepted(string description, string yaml)
    {
        var errors = GeneratedValidators.Validate(YamlManifests.ReadOne(yaml));
        Assert.True(errors.Count == 0, $"{description} is refused:{Environment.NewLine}{GeneratedValidators.Describe(errors)}");
    }

    [Fact]
    public void Changing_the_spec_of_an_existing_import_is_refused()
    {
        var stored = YamlManifests.ReadOne(Import(InlineFields, "originalFilename: a.csv"));
        Assert.Empty(GeneratedValidators.Validate(stored));
        var changed = YamlManifests.ReadOne(Import(InlineFields, "originalFilename: b.csv"));

        var errors = GeneratedValidators.Validate(changed, stored);

        var error = Assert.Single(errors);
        Assert.Equal("spec", error.Path);
        Assert.Equal("Invalid value: \"object\": spec is immutable: an import runs once; create a new HeadlessImport to import again", error.Message);
    }

    [Fact]
    public void Updating_an_import_without_changing_its_spec_is_accepted()
    {
        var stored = YamlManifests.ReadOne(Import(InlineFields, "initialData: [{first_name: Zeph}]"));
        Assert.Empty(GeneratedValidators.Validate(stored));
        var relabelled = stored.DeepClone();
        relabelled["metadata"]!["labels"] = new JsonObject { ["team"] = "crm" };
        relabelled["status"] = new JsonObject { ["phase"] = "PENDING" };

        Assert.Empty(GeneratedValidators.Validate(relabelled, stored));
    }

    [Fact]
    public void A_saved_schema_can_change()
    {
        var stored = YamlManifests.ReadOne("apiVersion: importoperator.io/v1alpha1\nkind: ImportSchema\nmetadata: {name: s}\nspec: {fields: [{key: a, label: A}]}\n");
        var changed = YamlManifests.ReadOne("apiVersion: importoperator.io/v1alpha1\nkind: ImportSchema\nmetadata: {name: s}\nspec: {fields: [{key: a, label: A}, {key: b, label: B}]}\n");
        Assert.Empty(GeneratedValidators.Validate(stored));
        Assert.Empty(GeneratedValidators.Validate(changed, stored));
    }

    [Theory]
    [InlineData(SchemaLimits.MaxFields, true)]
    [InlineData(SchemaLimits.MaxFields + 1, false)]
    public void A_schema_has_at_most_the_fields_the_cel_cost_budget_allows(int count, bool accepted)
    {
        var fields = string.Join(", ", Enumerable.Range(0, count).Select(i => $"{{key: field_{i}, label: Field {i}}}"));
        var yaml = $"apiVersion: importoperator.io/v1alpha1\nkind: ImportSchema\nmetadata: {{name: wide}}\nspec: {{fields: [{fields}]}}\n";

        var errors = GeneratedValidators.Validate(YamlManifests.ReadOne(yaml));

        if (accepted) Assert.Empty(errors);
        else Assert.Equal($"spec.fields: Too many: {count}: must have at most {SchemaLimits.MaxFields} items", Assert.Single(errors).ToString());
    }

    private static string Import(params string[] specParts)
    {
        var spec = string.Join("\n", specParts.SelectMany(part => part.Split('\n')).Select(line => "  " + line));
        return $"apiVersion: importoperator.io/v1alpha1\nkind: HeadlessImport\nmetadata: {{name: bad}}\nspec:\n{spec}\n";
    }
}
