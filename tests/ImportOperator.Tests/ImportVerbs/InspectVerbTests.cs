using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Cli.Import;
using ImportOperator.Engine.Schema;
using ImportOperator.Tests.Operator.Support;

namespace ImportOperator.Tests.ImportVerbs;

/// <summary><c>import get</c>, <c>results</c>, <c>logs</c> and <c>retry</c> on imports the operator has run end to end.</summary>
[Collection(OperatorCollection.Name)]
public sealed class InspectVerbTests(OperatorEnvironment env) : IClassFixture<OperatorEnvironment>
{
    [Fact]
    public async Task Get_summarises_an_import_needing_review_and_prints_the_object_as_json_or_yaml()
    {
        var ns = await env.NewNamespaceAsync("get");
        await SubmitPeopleAsync(ns, "review-me", "Name,Email\nAda,ada@example.com\nGrace,not-an-email\n", "invalidDataBehavior=BLOCK_SUBMIT");
        var import = await env.WaitForPhaseAsync(ns, "review-me", ImportPhases.NeedsReview);

        var summary = await Verb("get", "review-me", "-n", ns);
        var json = await Verb("get", "review-me", "-n", ns, "-o", "json");
        var yaml = await Verb("get", "review-me", "-n", ns, "--output", "yaml");

        Assert.True(summary.Exit == 0, Explain(summary));
        Assert.Contains("Phase:      NEEDS_REVIEW (ValidationErrors)", summary.Out);
        Assert.Contains("Rows:       2 read, 1 valid, 1 invalid", summary.Out);
        Assert.Contains("row 1, email", summary.Out);
        Assert.Contains("(value \"not-an-email\")", summary.Out);
        Assert.Contains($"Review:     {import.Status!.ReviewUrl}", summary.Out);
        var parsed = JsonNode.Parse(json.Out)!;
        Assert.Equal("NEEDS_REVIEW", parsed["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(import.Metadata.Uid, parsed["metadata"]!["uid"]!.GetValue<string>());
        Assert.Contains("phase: NEEDS_REVIEW", yaml.Out);
        var folder = VerbRun.NewFolder();
        var results = await Verb("results", "review-me", "-n", ns, "--out", folder);
        Assert.True(results.Exit == ImportExitCodes.NeedsReview, Explain(results));
        Assert.True(File.Exists(Path.Combine(folder, "metadata.json")), Explain(results));
        Assert.Contains("kind: HeadlessImport", yaml.Out);
    }

    [Fact]
    public async Task Results_downloads_data_and_metadata_of_a_finished_import_into_the_folder_given()
    {
        var ns = await env.NewNamespaceAsync("results");
        await SubmitPeopleAsync(ns, "done", "Name,Email\nAda,ada@example.com\nGrace,grace@example.com\n");
        var import = await env.WaitForPhaseAsync(ns, "done", ImportPhases.Successful);
        var folder = Path.Combine(VerbRun.NewFolder(), "out");

        var run = await Verb("results", "done", "-n", ns, "--out", folder);

        Assert.True(run.Exit == 0, Explain(run));
        Assert.Equal(await OperatorEnvironment.DownloadAsync(import.Status!.Result!.DataUrl!), await File.ReadAllTextAsync(Path.Combine(folder, "data.json")));
        Assert.Equal(await OperatorEnvironment.DownloadAsync(import.Status.Result.MetadataUrl!), await File.ReadAllTextAsync(Path.Combine(folder, "metadata.json")));
        Assert.Equal(2, JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "data.json")))!.AsArray().Count);
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
    }

    [Fact]
    public async Task Results_of_an_import_still_awaiting_its_file_exit_1_and_say_why()
    {
        var ns = await env.NewNamespaceAsync("pending");
        await env.CreateAsync(Samples.People(ns, "waiting"));
        await env.WaitForPhaseAsync(ns, "waiting", ImportPhases.AwaitingUpload);

        var run = await Verb("results", "waiting", "-n", ns, "--out", VerbRun.NewFolder());

        Assert.Equal(ImportExitCodes.BadArguments, run.Exit);
        Assert.Contains("HeadlessImport 'waiting' has no results to download (phase AWAITING_UPLOAD", run.Error);
    }

    [Fact]
    public async Task Logs_prints_the_processing_pods_log_through_the_api()
    {
        var ns = await env.NewNamespaceAsync("logs");
        await SubmitPeopleAsync(ns, "logged", "Name,Email\nAda,ada@example.com\n");
        await env.WaitForPhaseAsync(ns, "logged", ImportPhases.Successful);

        var run = await Verb("logs", "logged", "-n", ns);
        var none = await Verb("logs", "nope", "-n", ns);

        Assert.True(run.Exit == 0, Explain(run));
        Assert.Contains($"request read: HeadlessImport {ns}/logged", run.Out);
        Assert.Contains("processed: SUCCESSFUL", run.Out);
        Assert.Equal(ImportExitCodes.BadArguments, none.Exit);
        Assert.Contains($"no HeadlessImport 'nope' in namespace '{ns}'", none.Error);
    }

    [Fact]
    public async Task Retry_of_a_file_import_needs_the_file_again_and_runs_a_new_import_with_the_same_spec()
    {
        var ns = await env.NewNamespaceAsync("retry");
        await SubmitPeopleAsync(ns, "first", "Name,Email\nAda,ada@example.com\nGrace,not-an-email\n", "invalidDataBehavior=BLOCK_SUBMIT");
        var first = await env.WaitForPhaseAsync(ns, "first", ImportPhases.NeedsReview);
        var folder = VerbRun.NewFolder();
        var corrected = VerbRun.WriteFile(folder, "fixed.csv", "Name,Email\nAda,ada@example.com\nGrace,grace@example.com\n");

        var withoutFile = await Verb("retry", "first", "-n", ns);
        var retried = await Verb("retry", "first", "-n", ns, "--file", corrected, "--wait", "--out", Path.Combine(folder, "out"));

        Assert.Equal(ImportExitCodes.BadArguments, withoutFile.Exit);
        Assert.Contains("--file is required", withoutFile.Error);
        Assert.True(retried.Exit == ImportExitCodes.Successful, Explain(retried));
        var second = Assert.Single((await env.Imports.ListAsync(ns, null, CancellationToken.None)).Items, i => i.Metadata.Name != "first");
        Assert.StartsWith("first-", second.Metadata.Name);
        Assert.Equal("first", second.Metadata.Annotations[RetryVerb.RetryOfAnnotation]);
        Assert.Equal(first.Spec.OriginalFilename, second.Spec.OriginalFilename);
        Assert.Equal(InvalidDataBehaviors.BlockSubmit, second.Spec.Settings!.InvalidDataBehavior);
        Assert.Equal(2, JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "out", "data.json")))!.AsArray().Count);
    }

    [Fact]
    public async Task Retry_of_an_inline_rows_import_copies_the_rows_and_refuses_a_file()
    {
        var ns = await env.NewNamespaceAsync("retry-inline");
        var import = Samples.People(ns, "inline");
        import.Spec.OriginalFilename = null;
        import.Spec.InitialData = [new JsonObject { ["name"] = "Ada Lovelace", ["email"] = "ada@example.com" }];
        await env.CreateAsync(import);
        await env.WaitForPhaseAsync(ns, "inline", ImportPhases.Successful);
        var folder = VerbRun.NewFolder();

        var refused = await Verb("retry", "inline", "-n", ns, "--file", Samples.ContactsCsvPath);
        var retried = await Verb("retry", "inline", "-n", ns, "--name", "inline-again", "--wait", "--out", folder);

        Assert.Equal(ImportExitCodes.BadArguments, refused.Exit);
        Assert.Contains("--file", refused.Error);
        Assert.Contains("spec.initialData", refused.Error);
        Assert.True(retried.Exit == ImportExitCodes.Successful, Explain(retried));
        var data = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "data.json")))!.AsArray();
        Assert.Equal("ada@example.com", data.Single()!["email"]!.GetValue<string>());
    }

    /// <summary>A failed verb with the operator's side of the story.</summary>
    string Explain(VerbResult run) =>
        $"{run}\n--- operator (running: {env.Operator.IsRunning}), log tail ---\n{string.Join("\n", env.Operator.Log.Split('\n').TakeLast(40))}";

    Task<VerbResult> Verb(params string[] args) => VerbRun.RunAsync([.. args, "--kubeconfig", env.Api.KubeconfigPath]);

    /// <summary>A people import created by the submit verb itself, without waiting.</summary>
    async Task SubmitPeopleAsync(string ns, string name, string csv, params string[] settings)
    {
        var folder = VerbRun.NewFolder();
        var fields = VerbRun.WriteFile(folder, "fields.yaml", VerbRun.PeopleFieldsYaml);
        var data = VerbRun.WriteFile(folder, "people.csv", csv);
        string[] settingArgs = settings.Length == 0 ? [] : ["--settings", .. settings];
        var run = await Verb(["submit", "--fields", fields, "--file", data, "--name", name, "-n", ns, .. settingArgs]);
        Assert.True(run.Exit == 0, Explain(run));
    }
}
