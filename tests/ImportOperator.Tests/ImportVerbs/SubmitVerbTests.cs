using System.Text;
using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Cli;
using ImportOperator.Cli.Import;
using ImportOperator.Engine.Schema;
using ImportOperator.Tests.Operator.Support;

namespace ImportOperator.Tests.ImportVerbs;

/// <summary>
/// <c>import submit</c> against the whole system (test API server, local Job runner, s3rver, the real operator):
/// create, upload, follow and download in one command, with the exit codes of the process command.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class SubmitVerbTests(OperatorEnvironment env) : IClassFixture<OperatorEnvironment>
{
    [Fact]
    public async Task Submit_with_wait_against_the_sample_schema_downloads_the_same_data_json_as_the_local_process_command()
    {
        var ns = await env.NewNamespaceAsync("submit");
        var (schema, _) = Samples.Contacts(ns);
        await env.CreateAsync(schema);
        var folder = VerbRun.NewFolder();
        var output = Path.Combine(folder, "results");

        var run = await VerbRun.RunAsync("submit", "--schema", "contacts", "--file", Samples.ContactsCsvPath, "--settings", "invalidDataBehavior=INCLUDE_INVALID_ROWS",
            "--wait", "--out", output, "--kubeconfig", env.Api.KubeconfigPath, "-n", ns);

        Assert.True(run.Exit == ImportExitCodes.Successful, run.ToString());
        Assert.Contains("SUCCESSFUL", run.Out);
        var expected = ExpectedFromProcessCommand(folder, "invalidDataBehavior: INCLUDE_INVALID_ROWS");
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(expected, "data.json")), await File.ReadAllTextAsync(Path.Combine(output, "data.json")));
        var metadata = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "metadata.json")))!;
        Assert.NotNull(metadata);
        var created = Assert.Single((await env.Imports.ListAsync(ns, null, CancellationToken.None)).Items);
        Assert.StartsWith("contacts-", created.Metadata.Name);
        Assert.Equal(InvalidDataBehaviors.IncludeInvalidRows, created.Spec.Settings!.InvalidDataBehavior);
        Assert.Contains($"headlessimport/{created.Metadata.Name} created", run.Out);
    }

    [Fact]
    public async Task Submit_with_inline_fields_and_block_submit_stops_in_needs_review_prints_the_review_link_and_exits_3()
    {
        var ns = await env.NewNamespaceAsync("review");
        var folder = VerbRun.NewFolder();
        var fields = VerbRun.WriteFile(folder, "fields.yaml", VerbRun.PeopleFieldsYaml);
        var data = VerbRun.WriteFile(folder, "people.csv", "Name,Email\nAda,ada@example.com\nGrace,not-an-email\n");

        var run = await VerbRun.RunAsync("submit", "--fields", fields, "--file", data, "--settings", "invalidDataBehavior=BLOCK_SUBMIT",
            "--name", "blocked", "--wait", "--kubeconfig", env.Api.KubeconfigPath, "--namespace", ns);

        Assert.True(run.Exit == ImportExitCodes.NeedsReview, run.ToString());
        var import = await env.GetAsync(ns, "blocked");
        Assert.Equal(ImportPhases.NeedsReview, import!.Status!.Phase);
        Assert.Contains($"review: {import.Status.ReviewUrl}", run.Out);
        Assert.StartsWith(env.ReviewBaseUrl + "/review/", import.Status.ReviewUrl);
        Assert.Contains("NEEDS_REVIEW (ValidationErrors)", run.Out);
        Assert.Contains("row 1, email", run.Out);
        Assert.False(File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "blocked", "data.json")));
    }

    [Fact]
    public async Task Submit_of_a_corrupt_workbook_prints_the_failure_reason_and_message_and_exits_2()
    {
        var ns = await env.NewNamespaceAsync("corrupt");
        var folder = VerbRun.NewFolder();
        var fields = VerbRun.WriteFile(folder, "fields.yaml", VerbRun.PeopleFieldsYaml);
        var data = Path.Combine(folder, "people.xlsx");
        await File.WriteAllBytesAsync(data, Encoding.UTF8.GetBytes("PK\u0003\u0004 this is not really a workbook"));

        var run = await VerbRun.RunAsync("submit", "--fields", fields, "--file", data, "--wait", "--kubeconfig", env.Api.KubeconfigPath, "-n", ns);

        Assert.True(run.Exit == ImportExitCodes.Failed, run.ToString());
        var import = Assert.Single((await env.Imports.ListAsync(ns, null, CancellationToken.None)).Items);
        Assert.StartsWith("people-", import.Metadata.Name);
        Assert.Contains($"FAILED (UnreadableFile): {import.Status!.Message}", run.Out);
        Assert.Contains("people.xlsx", import.Status.Message);
    }

    [Fact]
    public async Task Submit_without_wait_creates_and_uploads_then_says_how_to_follow_and_the_import_goes_on_alone()
    {
        var ns = await env.NewNamespaceAsync("nowait");
        var folder = VerbRun.NewFolder();
        var fields = VerbRun.WriteFile(folder, "fields.json", """{"fields": [{"key": "name", "label": "Name"}], "settings": {"importIdentifier": "people-import"}}""");
        var data = VerbRun.WriteFile(folder, "people.csv", "Name\nAda\n");

        var run = await VerbRun.RunAsync("submit", "--fields", fields, "--file", data, "--generate-name", "weekly-", "--kubeconfig", env.Api.KubeconfigPath, "-n", ns);

        Assert.True(run.Exit == ImportExitCodes.Successful, run.ToString());
        Assert.Contains("uploaded people.csv", run.Out);
        var import = Assert.Single((await env.Imports.ListAsync(ns, null, CancellationToken.None)).Items);
        Assert.StartsWith("weekly-", import.Metadata.Name);
        Assert.Contains($"import-operator import get {import.Metadata.Name} -n {ns}", run.Out);
        var done = await env.WaitForPhaseAsync(ns, import.Metadata.Name, ImportPhases.Successful);
        Assert.Equal("people-import", done.Spec.Settings!.ImportIdentifier);
        Assert.Equal(1, done.Status!.ResultMetadata!.NumResultRows);
    }

    [Fact]
    public async Task Submit_naming_a_schema_that_does_not_exist_exits_1_naming_the_flag_and_creates_nothing()
    {
        var ns = await env.NewNamespaceAsync("noschema");

        var run = await VerbRun.RunAsync("submit", "--schema", "nope", "--file", Samples.ContactsCsvPath, "--kubeconfig", env.Api.KubeconfigPath, "-n", ns);

        Assert.Equal(ImportExitCodes.BadArguments, run.Exit);
        Assert.Contains($"--schema nope: no ImportSchema 'nope' in namespace '{ns}'", run.Error);
        Assert.Empty((await env.Imports.ListAsync(ns, null, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Ctrl_c_after_the_import_was_created_says_its_state_and_how_to_delete_it_and_exits_130()
    {
        var ns = await env.NewNamespaceAsync("ctrlc");
        var folder = VerbRun.NewFolder();
        var fields = VerbRun.WriteFile(folder, "fields.yaml", VerbRun.PeopleFieldsYaml);
        var data = VerbRun.WriteFile(folder, "people.csv", "Name,Email\nAda,ada@example.com\n");
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = new CancellingWriter(" created in namespace ", ctrlC);
        var stderr = new StringWriter();

        var exit = await Cli.Import.ImportVerbs.RunAsync(["submit", "--fields", fields, "--file", data, "--name", "halfway", "--wait",
            "--kubeconfig", env.Api.KubeconfigPath, "-n", ns], stdout, stderr, ctrlC.Token);

        Assert.True(exit == ImportExitCodes.Interrupted, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Contains($"Interrupted. HeadlessImport {ns}/halfway is in phase", stderr.ToString());
        Assert.Contains("was not (completely) uploaded", stderr.ToString());
        Assert.Contains($"kubectl delete hi halfway -n {ns}", stderr.ToString());
        Assert.Contains($"import-operator import get halfway -n {ns}", stderr.ToString());
        Assert.NotNull(await env.GetAsync(ns, "halfway"));
    }

    /// <summary>The same import through the local process command, with the sample schema: what the cluster must produce too.</summary>
    static string ExpectedFromProcessCommand(string folder, string settingsLine)
    {
        var manifest = VerbRun.WriteFile(folder, "expected-import.yaml", $"""
            apiVersion: importoperator.io/v1alpha1
            kind: HeadlessImport
            metadata: {"{"}name: contacts-expected, namespace: crm{"}"}
            spec:
              schemaRef: {"{"}name: contacts{"}"}
              originalFilename: contacts.csv
              settings:
                {settingsLine}
            """);
        var expected = Path.Combine(folder, "expected");
        var exit = ProcessCommand.Run([RepositoryPaths.Of("samples", "contacts-schema.yaml"), manifest], Samples.ContactsCsvPath, expected, quiet: true, CancellationToken.None);
        Assert.Equal(ProcessCommand.ExitSuccessful, exit);
        return expected;
    }
}
