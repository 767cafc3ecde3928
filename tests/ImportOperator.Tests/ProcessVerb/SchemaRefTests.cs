namespace ImportOperator.Tests.ProcessVerb;

/// <summary>An import against a saved ImportSchema: settings and hooks merged key by key, the import's keys winning.</summary>
public class SchemaRefTests
{
    private const string Schema = """
        apiVersion: importoperator.io/v1alpha1
        kind: ImportSchema
        metadata: {name: people, namespace: crm}
        spec:
          settings: {importIdentifier: saved-people, invalidDataBehavior: BLOCK_SUBMIT, passThroughUnmappedColumns: true}
          hooks:
            rowHooks: ['(r) => { r.row.name.value = String(r.row.name.value).toUpperCase(); return r; }']
            bulkRowHooks: ['(records) => records']
          fields:
            - {key: name, label: Name, validators: [{validate: required}]}
        """;

    private static string Import(string extra) => $"""
        apiVersion: importoperator.io/v1alpha1
        kind: HeadlessImport
        metadata: {"{"}name: people-1, namespace: crm{"}"}
        spec:
          schemaRef: {"{"}name: people{"}"}
          originalFilename: people.csv
        {extra}
        """;

    [Fact]
    public void Given_settings_win_and_the_others_are_kept()
    {
        using var run = ProcessRun.Execute([Schema, Import("  settings: {invalidDataBehavior: INCLUDE_INVALID_ROWS}")],
            "Name,Extra\nada,x\n,y\n"u8.ToArray(), "people.csv");

        Assert.Equal("SUCCESSFUL", run.Phase);                               // not BLOCK_SUBMIT: the import's value won
        Assert.Equal(2, run.Data.Count);                                     // INCLUDE_INVALID_ROWS
        Assert.Equal("x", (string)run.Data[0]!["$unmapped"]!["Extra"]!);    // the schema's passThrough kept
        Assert.Equal("saved-people", (string)run.Metadata["importIdentifier"]!);
        Assert.Equal("people.csv", (string)run.Metadata["filename"]!);
    }

    [Fact]
    public void Given_hook_kinds_replace_the_schemas_and_the_others_are_kept()
    {
        using var run = ProcessRun.Execute([Schema, Import("  settings: {invalidDataBehavior: INCLUDE_INVALID_ROWS}\n  hooks:\n    rowHooks: ['(r) => { r.row.name.value = r.row.name.value + \"!\"; return r; }']")],
            "Name\nada\n"u8.ToArray(), "people.csv");

        Assert.Equal("ada!", (string)run.Data.Single()!["name"]!); // the import's row hook replaced the schema's upper-casing
    }

    [Fact]
    public void The_schema_settings_apply_when_the_import_gives_none()
    {
        using var run = ProcessRun.Execute([Schema, Import("")], "Name,Note\nada,x\n,y\n"u8.ToArray(), "people.csv");

        Assert.Equal("NEEDS_REVIEW", run.Phase);
        Assert.Equal("ValidationErrors", run.Reason);
    }
}
