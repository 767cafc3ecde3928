using System.Text;
using ImportOperator.Cli;
using ImportOperator.Tests.ProcessVerb;
using ImportOperator.Worker;

namespace ImportOperator.Tests.Worker;

/// <summary>
/// The worker verb over real S3 (s3rver): what it commits for good, doubtful and bad data. Every outcome of the
/// data itself is committed with exit code 0, so the Job never retries it.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class WorkerOutcomeTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private readonly WorkerHarness _harness = new(s3rver);

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    private static readonly string SchemaManifest = RepositoryPaths.Of("samples", "contacts-schema.yaml");
    private static readonly string ImportManifest = RepositoryPaths.Of("samples", "contacts-import.yaml");
    private static readonly string SampleCsv = RepositoryPaths.Of("samples", "contacts.csv");

    private const string PeopleFields = """
        - {key: name, label: Name, validators: [{validate: required}]}
        - {key: email, label: Email, type: email}
        """;

    [Fact]
    public async Task The_sample_file_import_commits_the_same_results_as_the_process_verb()
    {
        var request = _harness.RequestFrom(SchemaManifest, ImportManifest);
        var keys = await _harness.StoreAsync(request, File.ReadAllBytes(SampleCsv));

        var result = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        var processOut = Path.Combine(_harness.Folder, "process-out");
        Assert.Equal(ProcessCommand.ExitSuccessful, ProcessCommand.Run([SchemaManifest, ImportManifest], SampleCsv, processOut, quiet: true, CancellationToken.None));
        Assert.Equal(File.ReadAllText(Path.Combine(processOut, "data.json")), await _harness.ReadTextAsync(keys.Data));
        Assert.Equal(File.ReadAllText(Path.Combine(processOut, "metadata.json")), await _harness.ReadTextAsync(keys.Metadata));

        var status = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(processOut, "status.json")))!;
        var summary = await _harness.ReadSummaryAsync(keys);
        Assert.Equal("SUCCESSFUL", summary.Phase);
        Assert.Equal((string)status["reason"]!, summary.Reason);
        Assert.Equal((string)status["message"]!, summary.Message);
        Assert.Equal((long)status["resultMetadata"]!["numResultRows"]!, summary.ResultMetadata.NumResultRows);
        Assert.Equal((long)status["resultMetadata"]!["numDataRows"]!, summary.ResultMetadata.NumDataRows);
        Assert.Equal(status["importErrors"]?.AsArray().Count ?? 0, summary.ImportErrors.Count);
        Assert.Equal(new FileInfo(SampleCsv).Length, summary.InputBytes);
        Assert.True(summary.StartTime <= summary.EndTime);
    }

    [Fact]
    public async Task The_log_has_one_line_per_stage_and_no_failure_and_scratch_is_left_empty()
    {
        var request = _harness.RequestFrom(SchemaManifest, ImportManifest);
        var keys = await _harness.StoreAsync(request, File.ReadAllBytes(SampleCsv));

        var result = await _harness.RunAsync(keys.Request);

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("request read:", StringComparison.Ordinal) && l.Contains("crm/contacts-2026-11"));
        Assert.Single(lines, l => l.StartsWith("input downloaded:", StringComparison.Ordinal) && l.Contains($"{new FileInfo(SampleCsv).Length:N0} bytes"));
        Assert.Single(lines, l => l.StartsWith("processed: SUCCESSFUL (Completed)", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("results committed: SUCCESSFUL", StringComparison.Ordinal) && l.Contains(keys.ResultsPrefix));
        Assert.Equal("", result.Error);
        Assert.Equal("", result.TerminationMessage);
        Assert.DoesNotContain(S3rverFixture.SecretKey, result.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_harness.ScratchDirectory));
    }

    [Fact]
    public async Task An_initialData_import_reads_the_rows_the_operator_stored()
    {
        var seed = RepositoryPaths.Of("samples", "seed-initial-data.yaml");
        var request = _harness.RequestFrom(seed);
        var keys = await _harness.StoreAsync(request);

        var result = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        Assert.EndsWith("/input/" + WorkerRequest.InitialDataFileName, keys.Input, StringComparison.Ordinal);
        var data = await _harness.ReadDataAsync(keys);
        Assert.Equal("Updated from row hook", (string)data.Single()!["first_name"]!);
        Assert.Equal("paul.zeph@gmail.com", (string)data.Single()!["last_name"]!);
        var processOut = Path.Combine(_harness.Folder, "process-out");
        Assert.Equal(ProcessCommand.ExitSuccessful, ProcessCommand.Run([seed], null, processOut, quiet: true, CancellationToken.None));
        Assert.Equal(File.ReadAllText(Path.Combine(processOut, "metadata.json")), await _harness.ReadTextAsync(keys.Metadata));
        Assert.Equal("SUCCESSFUL", (await _harness.ReadSummaryAsync(keys)).Phase);
    }

    [Fact]
    public async Task Invalid_data_under_BLOCK_SUBMIT_is_committed_as_NEEDS_REVIEW_with_its_errors()
    {
        var request = _harness.RequestFrom(_harness.ManifestFile(Manifest.Import(PeopleFields, "{importIdentifier: people, invalidDataBehavior: BLOCK_SUBMIT}")));
        var keys = await _harness.StoreAsync(request, Encoding.UTF8.GetBytes("Name,Email\nAda,ada@example.com\nAlan,not-an-email\n"));

        var result = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        var summary = await _harness.ReadSummaryAsync(keys);
        Assert.Equal("NEEDS_REVIEW", summary.Phase);
        Assert.Equal("ValidationErrors", summary.Reason);
        var error = Assert.Single(summary.ImportErrors);
        Assert.Equal(1, error.RowIndex);
        Assert.Equal("email", error.FieldKey);
        Assert.Equal("not-an-email", error.Value);
        Assert.Equal("error", error.Level);
        Assert.Equal(1, summary.ResultMetadata.NumInvalidRows);
        Assert.Contains("processed: NEEDS_REVIEW (ValidationErrors)", result.Output);
    }

    [Fact]
    public async Task A_corrupt_workbook_is_committed_as_FAILED_UnreadableFile_with_empty_results()
    {
        var workbook = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(workbook, new[] { new { Name = "Ada", Email = "ada@example.com" } });
        var truncated = workbook.ToArray()[..(int)(workbook.Length / 2)];
        var request = _harness.RequestFrom(_harness.ManifestFile(Manifest.Import(PeopleFields, input: "originalFilename: people.xlsx")));
        var keys = await _harness.StoreAsync(request, truncated);

        var result = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        var summary = await _harness.ReadSummaryAsync(keys);
        Assert.Equal("FAILED", summary.Phase);
        Assert.Equal("UnreadableFile", summary.Reason);
        Assert.Contains("people.xlsx", summary.Message);
        Assert.Empty(await _harness.ReadDataAsync(keys));
    }

    [Fact]
    public async Task A_row_hook_that_throws_is_committed_as_FAILED_naming_the_row()
    {
        var hooks = """rowHooks: ['(r) => { if (r.index === 1) { throw new Error("no alan today"); } return r; }']""";
        var request = _harness.RequestFrom(_harness.ManifestFile(Manifest.Import(PeopleFields, hooks: hooks)));
        var keys = await _harness.StoreAsync(request, Encoding.UTF8.GetBytes("Name,Email\nAda,ada@example.com\nAlan,alan@example.com\n"));

        var result = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        var summary = await _harness.ReadSummaryAsync(keys);
        Assert.Equal("FAILED", summary.Phase);
        Assert.Equal("HookFailed", summary.Reason);
        Assert.Contains("row 1", summary.Message);
        Assert.Contains("no alan today", summary.Message);
        Assert.Empty(await _harness.ReadDataAsync(keys));
    }

    [Fact]
    public async Task An_xlsx_upload_is_read_from_its_scratch_copy()
    {
        var workbook = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(workbook, new[]
        {
            new { Name = "Ada", Email = "ada@example.com" },
            new { Name = "Grace", Email = "grace@example.com" },
        });
        var request = _harness.RequestFrom(_harness.ManifestFile(Manifest.Import(PeopleFields, input: "originalFilename: people.xlsx")));
        var keys = await _harness.StoreAsync(request, workbook.ToArray());

        var result = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        Assert.Equal("SUCCESSFUL", (await _harness.ReadSummaryAsync(keys)).Phase);
        var data = await _harness.ReadDataAsync(keys);
        Assert.Equal(["Ada", "Grace"], data.Select(row => (string)row!["name"]!));
        Assert.Equal(["ada@example.com", "grace@example.com"], data.Select(row => (string)row!["email"]!));
    }

    [Fact]
    public async Task A_file_over_maxFileSize_fails_without_being_downloaded()
    {
        var request = _harness.RequestFrom(_harness.ManifestFile(Manifest.Import(PeopleFields, "{importIdentifier: people, maxFileSize: 10}")));
        var keys = await _harness.StoreAsync(request, Encoding.UTF8.GetBytes("Name,Email\nAda,ada@example.com\n"));

        var result = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        var summary = await _harness.ReadSummaryAsync(keys);
        Assert.Equal("FAILED", summary.Phase);
        Assert.Equal("FileTooLarge", summary.Reason);
        Assert.Contains("input not downloaded", result.Output);
    }

    [Fact]
    public async Task A_large_import_logs_its_progress()
    {
        var csv = "Name,Email\n" + string.Concat(Enumerable.Range(0, 6000).Select(i => $"n{i},u{i}@example.com\n"));
        var request = _harness.RequestFrom(_harness.ManifestFile(Manifest.Import(PeopleFields)));
        var keys = await _harness.StoreAsync(request, Encoding.UTF8.GetBytes(csv));

        // No minimum interval, so every report the engine makes becomes a line.
        var result = await _harness.RunAsync(keys.Request, progressInterval: TimeSpan.Zero);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        Assert.Contains(result.Output.Split('\n'), line => line.StartsWith("progress: ", StringComparison.Ordinal) && line.Contains("rows processed") && line.Contains("% of "));
        Assert.Equal(6000, (await _harness.ReadSummaryAsync(keys)).ResultMetadata.NumResultRows);
    }

    [Fact]
    public async Task A_spec_that_does_not_resolve_is_committed_as_FAILED_InvalidSpec()
    {
        // A schemaRef with inline fields too breaks a rule the CRD also enforces; the worker must not crash on it.
        var request = _harness.RequestFrom(SchemaManifest, ImportManifest);
        request.Import.Spec.Fields = [new() { Key = "x", Label = "X" }];
        var keys = await _harness.StoreAsync(request, File.ReadAllBytes(SampleCsv));

        var result = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        var summary = await _harness.ReadSummaryAsync(keys);
        Assert.Equal("FAILED", summary.Phase);
        Assert.Equal(WorkerReasons.InvalidSpec, summary.Reason);
        Assert.Contains("schemaRef", summary.Message);
        Assert.Empty(await _harness.ReadDataAsync(keys));
    }

    [Fact]
    public async Task A_request_without_the_named_schema_is_committed_as_FAILED_SchemaNotFound()
    {
        var request = _harness.RequestFrom(SchemaManifest, ImportManifest);
        var keys = await _harness.StoreAsync(new WorkerRequest { Import = request.Import, Schema = null }, File.ReadAllBytes(SampleCsv));

        var result = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        var summary = await _harness.ReadSummaryAsync(keys);
        Assert.Equal(WorkerReasons.SchemaNotFound, summary.Reason);
        Assert.Contains("contacts", summary.Message);
    }
}
