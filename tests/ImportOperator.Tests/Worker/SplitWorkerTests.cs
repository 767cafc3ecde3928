using ImportOperator.Cli;
using ImportOperator.Storage;
using ImportOperator.Tests.Operator.Support;
using ImportOperator.Worker;

namespace ImportOperator.Tests.Worker;

/// <summary>
/// The worker's three steps of a split import over real S3 (s3rver), run in-process as the three Jobs would run
/// them: the processing Job stores the plan instead of a summary, each chunk pod stores its rows, and the merge
/// commits results equal byte for byte to the process verb's, then removes the split/ objects.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class SplitWorkerTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private readonly WorkerHarness _harness = new(s3rver);

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    private static readonly string SchemaManifest = RepositoryPaths.Of("samples", "contacts-schema.yaml");
    private static readonly string ImportManifest = RepositoryPaths.Of("samples", "contacts-import.yaml");

    /// <summary>Small enough for a test: a file past 256 KiB is split into chunks of about 128 KiB (whole batches of rows).</summary>
    private static readonly WorkerSplitSettings Split = new() { ThresholdBytes = 256 * 1024, ChunkBytes = 128 * 1024, MaxChunks = 8 };

    private async Task<(ImportObjectKeys Keys, string File)> StoreLargeAsync(int rows, WorkerSplitSettings? split = null, string? importManifest = null)
    {
        var plain = _harness.RequestFrom(SchemaManifest, importManifest ?? ImportManifest);
        var request = new WorkerRequest { Import = plain.Import, Schema = plain.Schema, Split = split ?? Split };
        var content = LargeContacts.Csv(rows, importManifest is null ? null : "BREAK");
        var file = Path.Combine(_harness.Folder, "contacts.csv");
        await File.WriteAllBytesAsync(file, content);
        return (await _harness.StoreAsync(request, content), file);
    }

    private async Task<WorkerResult> RunAsync(ImportObjectKeys keys, WorkerMode mode, int? chunk = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await WorkerCommand.RunAsync(new WorkerInvocation
        {
            RequestKey = keys.Request,
            ScratchDirectory = _harness.ScratchDirectory,
            ConfigFile = _harness.ConfigFile,
            Output = output,
            Error = error,
            TerminationLogPath = _harness.TerminationLog,
            Mode = mode,
            ChunkIndex = chunk,
        });
        return new WorkerResult(exitCode, output.ToString(), error.ToString(), File.ReadAllText(_harness.TerminationLog));
    }

    private async Task<IReadOnlyList<string>> KeysUnderAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var item in _harness.Store.ListAsync(prefix)) keys.Add(item.Key);
        return keys;
    }

    private async Task<int> PlanAsync(ImportObjectKeys keys)
    {
        var planned = await RunAsync(keys, WorkerMode.Whole);
        Assert.Equal(WorkerExitCodes.Committed, planned.ExitCode);
        Assert.Null(await _harness.Store.GetSizeAsync(keys.Summary));
        var plan = Engine.Pipeline.Split.SplitPlan.FromJson(System.Text.Encoding.UTF8.GetBytes(await _harness.ReadTextAsync(keys.SplitPlan)), keys.SplitPlan);
        Assert.Contains($"split into {plan.Chunks.Count} chunks", planned.Output);
        return plan.Chunks.Count;
    }

    [Fact]
    public async Task Plan_then_every_chunk_then_the_merge_commit_what_the_process_verb_writes_and_leave_no_split_objects()
    {
        var (keys, file) = await StoreLargeAsync(rows: 12_000);

        var beforePlan = DateTime.UtcNow;
        var chunks = await PlanAsync(keys);
        var afterPlan = DateTime.UtcNow;
        Assert.InRange(chunks, 3, 8);
        for (var i = 0; i < chunks; i++)
        {
            var chunk = await RunAsync(keys, WorkerMode.Chunk, i);
            Assert.Equal(WorkerExitCodes.Committed, chunk.ExitCode);
            Assert.NotNull(await _harness.Store.GetSizeAsync(keys.Chunk(i)));
        }
        Assert.Null(await _harness.Store.GetSizeAsync(keys.Summary));
        var merged = await RunAsync(keys, WorkerMode.Merge);

        Assert.Equal(WorkerExitCodes.Committed, merged.ExitCode);
        var processOut = Path.Combine(_harness.Folder, "process-out");
        ProcessCommand.Run([SchemaManifest, ImportManifest], file, processOut, quiet: true, CancellationToken.None);
        Assert.Equal(File.ReadAllText(Path.Combine(processOut, "data.json")), await _harness.ReadTextAsync(keys.Data));
        Assert.Equal(File.ReadAllText(Path.Combine(processOut, "metadata.json")), await _harness.ReadTextAsync(keys.Metadata));
        var summary = await _harness.ReadSummaryAsync(keys);
        var status = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(processOut, "status.json")))!;
        Assert.Equal((string)status["reason"]!, summary.Reason);
        Assert.Equal((string)status["message"]!, summary.Message);
        Assert.Equal(new FileInfo(file).Length, summary.InputBytes);
        // "Processed in N s" spans the whole processing: the summary starts when the processing Job did, not at the merge.
        Assert.InRange(summary.StartTime, beforePlan.AddSeconds(-1), afterPlan);
        Assert.Contains(summary.ImportErrors, e => e.Message.Contains("already used by another row", StringComparison.Ordinal));
        Assert.Empty(await KeysUnderAsync(keys.SplitPrefix));
    }

    [Fact]
    public async Task A_file_below_the_threshold_is_processed_whole_and_says_why()
    {
        var (keys, _) = await StoreLargeAsync(rows: 200);

        var result = await RunAsync(keys, WorkerMode.Whole);

        Assert.Equal(WorkerExitCodes.Committed, result.ExitCode);
        Assert.NotNull(await _harness.Store.GetSizeAsync(keys.Summary));
        Assert.Empty(await KeysUnderAsync(keys.SplitPrefix));
        Assert.DoesNotContain("split into", result.Output);
    }

    [Fact]
    public async Task An_input_replaced_after_the_plan_is_refused_permanently_naming_both_lengths()
    {
        var (keys, _) = await StoreLargeAsync(rows: 12_000);
        await PlanAsync(keys);
        await _harness.Store.PutAsync(keys.Input, new MemoryStream(LargeContacts.Csv(11_000)));

        var chunk = await RunAsync(keys, WorkerMode.Chunk, 0);

        Assert.Equal(WorkerExitCodes.Permanent, chunk.ExitCode);
        Assert.Contains("the split plan", chunk.TerminationMessage);
        Assert.Contains("was made for", chunk.TerminationMessage);
        Assert.Matches(@"is [\d,]+ bytes, but the split plan '.*' was made for [\d,]+ bytes", chunk.TerminationMessage);
        Assert.Null(await _harness.Store.GetSizeAsync(keys.Chunk(0)));
    }

    [Fact]
    public async Task A_chunk_index_outside_the_plan_is_refused_permanently()
    {
        var (keys, _) = await StoreLargeAsync(rows: 12_000);
        var chunks = await PlanAsync(keys);

        var result = await RunAsync(keys, WorkerMode.Chunk, chunks);

        Assert.Equal(WorkerExitCodes.Permanent, result.ExitCode);
        Assert.Contains($"Chunk index {chunks} is outside the split plan", result.TerminationMessage);
    }

    [Fact]
    public async Task A_merge_without_a_plan_is_refused_permanently_naming_the_key()
    {
        var (keys, _) = await StoreLargeAsync(rows: 200);

        var result = await RunAsync(keys, WorkerMode.Merge);

        Assert.Equal(WorkerExitCodes.Permanent, result.ExitCode);
        Assert.Contains($"The split plan '{keys.SplitPlan}' does not exist", result.TerminationMessage);
    }

    [Fact]
    public async Task Ranged_reads_return_exactly_the_bytes_asked_for_and_stop_at_the_end()
    {
        var (keys, file) = await StoreLargeAsync(rows: 200);
        var content = await File.ReadAllBytesAsync(file);

        await using (var middle = await _harness.Store.GetRangeAsync(keys.Input, 100, 50))
        {
            using var copy = new MemoryStream();
            await middle.CopyToAsync(copy);
            Assert.Equal(content[100..150], copy.ToArray());
        }
        await using (var tail = await _harness.Store.GetRangeAsync(keys.Input, content.Length - 10, 100))
        {
            using var copy = new MemoryStream();
            await tail.CopyToAsync(copy);
            Assert.Equal(content[^10..], copy.ToArray());
        }
    }

    [Fact]
    public async Task A_chunk_run_outside_an_indexed_job_without_an_index_says_how_to_give_one()
    {
        Assert.Null(Environment.GetEnvironmentVariable(WorkerInvocation.CompletionIndexVariable));
        var (keys, _) = await StoreLargeAsync(rows: 200);

        var result = await RunAsync(keys, WorkerMode.Chunk);

        Assert.Equal(WorkerExitCodes.Permanent, result.ExitCode);
        Assert.Contains("JOB_COMPLETION_INDEX is not set", result.TerminationMessage);
        Assert.Contains("--chunk-index", result.TerminationMessage);
    }
}
