using ImportOperator.Cli;

namespace ImportOperator.Tests.ProcessVerb;

/// <summary>Bad manifests: exit code 1, a message naming the file, document and field, and the FAILED status the operator would write.</summary>
public class ManifestTests
{
    private const string Csv = "Name\nAda\n";

    [Fact]
    public void Both_schema_ref_and_fields_is_refused()
    {
        var manifest = Manifest.Import("- {key: name, label: Name}", input: "originalFilename: data.csv\n  schemaRef: {name: contacts}");

        using var run = ProcessRun.Execute(manifest, Csv);

        Assert.Equal(ProcessCommand.ExitBadInput, run.ExitCode);
        Assert.Equal("FAILED", run.Phase);
        Assert.Equal("InvalidSpec", run.Reason);
        Assert.Contains("exactly one of schemaRef or fields must be set (both are set)", run.Message);
        Assert.Contains("manifest-0.yaml: document 1", run.Message);
    }

    [Fact]
    public void Neither_schema_ref_nor_fields_is_refused()
    {
        const string manifest = """
            apiVersion: importoperator.io/v1alpha1
            kind: HeadlessImport
            metadata: {name: lonely}
            spec: {originalFilename: data.csv}
            """;

        using var run = ProcessRun.Execute(manifest, Csv);

        Assert.Equal(ProcessCommand.ExitBadInput, run.ExitCode);
        Assert.Contains("(neither is set)", run.Message);
    }

    [Fact]
    public void Both_file_and_initial_data_is_refused()
    {
        var manifest = Manifest.Import("- {key: name, label: Name}", input: "originalFilename: data.csv\n  initialData: [{name: Ada}]");

        using var run = ProcessRun.Execute(manifest, Csv);

        Assert.Equal(ProcessCommand.ExitBadInput, run.ExitCode);
        Assert.Contains("exactly one of originalFilename or initialData must be set", run.Message);
    }

    [Theory]
    [InlineData("- {key: name, label: Name, type: colour}", "fields[0].type", "colour")]
    [InlineData("- {key: name, label: Name, validators: [{validate: sometimes}]}", "fields[0].validators[0]", "sometimes")]
    [InlineData("- {key: name, label: Name, validators: [{validate: require_with, fields: [nickname]}]}", "fields[0].validators[0].fields[0]", "nickname")]
    [InlineData("- {key: plan, label: Plan, type: select}", "fields[0]", "option")]
    [InlineData("- {key: name, label: Name}\n- {key: name, label: Other}", "fields[1].key", "duplicate key 'name'")]
    public void An_invalid_schema_is_refused_naming_the_field(string fields, string path, string detail)
    {
        using var run = ProcessRun.Execute(Manifest.Import(fields), Csv);

        Assert.Equal(ProcessCommand.ExitBadInput, run.ExitCode);
        Assert.Equal("FAILED", run.Phase);
        Assert.Equal("InvalidSchema", run.Reason);
        Assert.Contains(path, run.Message);
        Assert.Contains(detail, run.Message);
        Assert.Empty(run.Data);
    }

    [Fact]
    public void An_unknown_spec_field_is_refused_with_its_path()
    {
        var manifest = Manifest.Import("- {key: name, label: Name, lable: typo}");

        using var run = ProcessRun.Execute(manifest, Csv);

        Assert.Equal(ProcessCommand.ExitBadInput, run.ExitCode);
        Assert.False(run.Exists("status.json"));
    }

    [Fact]
    public void A_yaml_syntax_error_names_the_file_and_line()
    {
        using var run = ProcessRun.Execute(["apiVersion: importoperator.io/v1alpha1\nkind: HeadlessImport\nspec: [unclosed\n"], [1]);

        Assert.Equal(ProcessCommand.ExitBadInput, run.ExitCode);
        Assert.False(run.Exists("status.json"));
    }

    [Fact]
    public void A_schema_ref_to_a_schema_not_given_is_refused()
    {
        const string manifest = """
            apiVersion: importoperator.io/v1alpha1
            kind: HeadlessImport
            metadata: {name: orphan}
            spec: {schemaRef: {name: contacts}, originalFilename: data.csv}
            """;

        using var run = ProcessRun.Execute(manifest, Csv);

        Assert.Equal(ProcessCommand.ExitBadInput, run.ExitCode);
        Assert.Equal("SchemaNotFound", run.Reason);
        Assert.Contains("no ImportSchema named 'contacts'", run.Message);
    }

    [Fact]
    public void A_file_import_without_a_file_is_a_bad_argument()
    {
        using var run = ProcessRun.Execute([Manifest.Import("- {key: name, label: Name}")]);

        Assert.Equal(ProcessCommand.ExitBadInput, run.ExitCode);
    }

    [Fact]
    public void A_folder_of_manifests_is_read_like_kubectl_reads_one()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var output = Path.Combine(folder, "out");
        File.Copy(RepositoryPaths.Of("samples", "contacts-schema.yaml"), Path.Combine(folder, "a-schema.yaml"));
        File.Copy(RepositoryPaths.Of("samples", "contacts-import.yaml"), Path.Combine(folder, "b-import.yaml"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a manifest");

        var exit = ProcessCommand.Run([folder], RepositoryPaths.Of("samples", "contacts.csv"), output, true, CancellationToken.None);

        Assert.Equal(ProcessCommand.ExitSuccessful, exit);
        Directory.Delete(folder, recursive: true);
    }
}
