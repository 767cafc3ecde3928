using System.Text.RegularExpressions;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Cli;
using ImportOperator.Manifests;
using ImportOperator.Operator.Imports;
using ImportOperator.Operator.Jobs;
using ImportOperator.TestApiServer.Jobs;
using ImportOperator.Tests.Operator.Support;
using k8s;
using k8s.Models;

namespace ImportOperator.Tests.Operator;

/// <summary>
/// Large files end to end: past the split threshold the processing Job only plans, an Indexed Job runs one pod per
/// chunk and a merge Job commits — and the user gets the same results, byte for byte, as from the local process
/// command. Real operator, real worker processes, the local Job runner and s3rver.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class SplitProcessingTests(SplitEnvironment env) : IClassFixture<SplitEnvironment>
{
    const int Rows = 30_000;
    static readonly string SchemaManifest = RepositoryPaths.Of("samples", "contacts-schema.yaml");
    static readonly string ImportManifest = RepositoryPaths.Of("samples", "contacts-import.yaml");

    /// <summary>The sample import, but its row hook throws on the surname BREAK (the file's last row).</summary>
    const string BreakingImport = """
        apiVersion: importoperator.io/v1alpha1
        kind: HeadlessImport
        metadata: {name: contacts-breaks, namespace: crm}
        spec:
          schemaRef: {name: contacts}
          originalFilename: contacts.csv
          hooks:
            rowHooks:
              - |
                (record) => {
                  if (record.row.last_name.value === "BREAK") throw new Error("surname BREAK is not allowed");
                  return record;
                }
        """;

    static string Temp(string name, byte[] content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("split-e2e-").FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>The schema and the import of <paramref name="importManifest"/>, re-homed into the test's namespace.</summary>
    static (ImportSchema Schema, HeadlessImport Import) Manifests(string ns, string importManifest, string name)
    {
        var set = ManifestSet.Load([SchemaManifest, importManifest]);
        var schema = set.Schemas.Single().Value;
        var import = set.SingleImport().Value;
        schema.Metadata = new V1ObjectMeta { Name = schema.Metadata.Name, NamespaceProperty = ns };
        import.Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns };
        return (schema, import);
    }

    async Task<HeadlessImport> StartAsync(string ns, string name, byte[] file, string importManifest)
    {
        var (schema, import) = Manifests(ns, importManifest, name);
        await env.CreateAsync(schema);
        await env.CreateAsync(import);
        var waiting = await env.WaitForPhaseAsync(ns, name, ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, file);
        return waiting;
    }

    static string ProcessLocally(string importManifest, string file)
    {
        var folder = Directory.CreateTempSubdirectory("split-expected-").FullName;
        ProcessCommand.Run([SchemaManifest, importManifest], file, folder, quiet: true, CancellationToken.None);
        return folder;
    }

    static HeadlessImportStatus LocalStatus(string folder) =>
        System.Text.Json.JsonSerializer.Deserialize<HeadlessImportStatus>(File.ReadAllText(Path.Combine(folder, "status.json")), ImportOperator.Api.ApiJson.Options)!;

    static bool ChunksRunning(HeadlessImport import) =>
        import.Status?.Conditions?.Any(c => c.Type == ImportConditions.Processing && c.Reason == ProcessingStage.ChunksRunningReason) == true;

    IReadOnlyList<V1Pod> PodsOf(string ns, string job) => env.Client.CoreV1.ListNamespacedPod(ns, labelSelector: $"job-name={job}").Items.ToList();

    [Fact]
    public async Task A_large_file_runs_as_processing_chunks_and_merge_jobs_and_its_results_equal_the_process_commands()
    {
        var ns = await env.NewNamespaceAsync("split");
        var content = LargeContacts.Csv(Rows);
        Assert.True(content.Length > SplitEnvironment.ThresholdBytes, $"the file is {content.Length} bytes, below the split threshold");
        await StartAsync(ns, "big", content, ImportManifest);

        var running = await env.WaitAsync(ns, "big", ChunksRunning, "processing its chunks", TimeSpan.FromMinutes(3));
        var message = running.Status!.Conditions!.Single(c => c.Type == ImportConditions.Processing).Message;
        Assert.Matches(new Regex(@"^Processing Job big-[0-9a-f]{8} split the file into (\d+) chunks; chunk \d+ of \1 done \(Indexed Job big-[0-9a-f]{8}-chunks\)\.$"), message);
        var done = await env.WaitForPhaseAsync(ns, "big", ImportPhases.Successful, TimeSpan.FromMinutes(4));

        var file = Temp("contacts.csv", content);
        var expected = ProcessLocally(ImportManifest, file);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(expected, "data.json")), await OperatorEnvironment.DownloadAsync(done.Status!.Result!.DataUrl!));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(expected, "metadata.json")), await OperatorEnvironment.DownloadAsync(done.Status.Result.MetadataUrl!));
        var local = LocalStatus(expected);
        Assert.Equal(local.Reason, done.Status.Reason);
        Assert.Equal(local.ResultMetadata!.NumResultRows, done.Status.ResultMetadata!.NumResultRows);
        Assert.Equal(local.ResultMetadata.NumInvalidRows, done.Status.ResultMetadata.NumInvalidRows);

        var jobs = (await env.JobsAsync(ns)).OrderBy(j => j.Metadata.Name, StringComparer.Ordinal).ToList();
        var processing = ProcessingJobNames.For("big", done.Metadata.Uid);
        Assert.Equal([processing, processing + "-chunks", processing + "-merge"], jobs.Select(j => j.Metadata.Name));
        var chunks = jobs.Single(j => j.Metadata.Name.EndsWith("-chunks", StringComparison.Ordinal));
        Assert.Equal("Indexed", chunks.Spec.CompletionMode);
        Assert.InRange(chunks.Spec.Completions!.Value, 3, 8);
        Assert.Equal(SplitEnvironment.MaxParallelChunks, chunks.Spec.Parallelism);
        Assert.Equal(chunks.Spec.Completions, chunks.Status.Succeeded);
        // Each Job ran each of its pods once: one processing pod, one per chunk, one merge pod.
        Assert.Single(PodsOf(ns, processing));
        Assert.Equal(chunks.Spec.Completions, PodsOf(ns, chunks.Metadata.Name).Count);
        Assert.Single(PodsOf(ns, processing + "-merge"));
        var prefix = $"{ns}/big/{done.Metadata.Uid}/";
        Assert.Empty(await env.StoredKeysAsync(prefix + "split/"));

        // Deleting the import takes all three Jobs and every stored object with it.
        await env.DeleteAsync(ns, "big");
        await env.WaitUntilGoneAsync(ns, "big");
        Assert.Empty(await env.JobsAsync(ns));
        Assert.Empty(await env.StoredKeysAsync(prefix));
    }

    [Fact]
    public async Task A_file_below_the_threshold_is_processed_by_one_job_as_before()
    {
        var ns = await env.NewNamespaceAsync("whole");
        await StartAsync(ns, "small", await File.ReadAllBytesAsync(Samples.ContactsCsvPath), ImportManifest);

        await env.WaitForPhaseAsync(ns, "small", ImportPhases.Successful);

        var job = Assert.Single(await env.JobsAsync(ns));
        Assert.DoesNotContain("-chunks", job.Metadata.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_hook_that_throws_in_the_last_chunk_fails_the_import_as_the_process_command_does()
    {
        var ns = await env.NewNamespaceAsync("split-hook");
        var content = LargeContacts.Csv(Rows, hookBreaker: "BREAK");
        var manifest = Temp("import.yaml", System.Text.Encoding.UTF8.GetBytes(BreakingImport));
        await StartAsync(ns, "breaks", content, manifest);

        var failed = await env.WaitForPhaseAsync(ns, "breaks", ImportPhases.Failed, TimeSpan.FromMinutes(4));

        var local = LocalStatus(ProcessLocally(manifest, Temp("contacts.csv", content)));
        Assert.Equal(ImportPhases.Failed, local.Phase);
        Assert.Equal(local.Reason, failed.Status!.Reason);
        Assert.Equal(local.Message, failed.Status.Message);
        Assert.Contains("surname BREAK is not allowed", failed.Status.Message);
        Assert.Contains(await env.JobsAsync(ns), j => j.Metadata.Name.EndsWith("-chunks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chunk_pod_that_keeps_running_out_of_memory_fails_the_import_in_words()
    {
        var ns = await env.NewNamespaceAsync("split-oom");
        env.Api.JobRunner!.InjectFault(a => a.Namespace == ns && a.JobName.EndsWith("-chunks", StringComparison.Ordinal) && a.CompletionIndex == 1 ? PodFault.OomKilled : null);
        try
        {
            await StartAsync(ns, "oom", LargeContacts.Csv(Rows), ImportManifest);

            var failed = await env.WaitForPhaseAsync(ns, "oom", ImportPhases.Failed, TimeSpan.FromMinutes(4));

            Assert.Equal(JobFailureClassifier.OutOfMemory, failed.Status!.Reason);
            Assert.Contains("ran out of memory", failed.Status.Message);
            Assert.DoesNotContain(await env.JobsAsync(ns), j => j.Metadata.Name.EndsWith("-merge", StringComparison.Ordinal));
            Assert.Empty(await env.StoredKeysAsync($"{ns}/oom/{failed.Metadata.Uid}/split/"));
        }
        finally { env.Api.JobRunner!.InjectFault(null); }
    }

    [Fact]
    public async Task An_operator_killed_between_the_chunks_and_the_merge_creates_one_merge_job_after_its_restart()
    {
        var ns = await env.NewNamespaceAsync("split-kill");
        await StartAsync(ns, "killed", LargeContacts.Csv(Rows), ImportManifest);
        var chunksRunning = await env.WaitAsync(ns, "killed", ChunksRunning, "processing its chunks", TimeSpan.FromMinutes(3));
        var chunksJob = ProcessingJobNames.For("killed", chunksRunning.Metadata.Uid) + "-chunks";

        env.Operator.Kill();
        try
        {
            Assert.DoesNotContain(await env.JobsAsync(ns), j => j.Metadata.Name.EndsWith("-merge", StringComparison.Ordinal));
            // The chunk pods go on without the operator; wait for their Job to complete while it is down.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (JobVerdict.StateOf(await env.Client.BatchV1.ReadNamespacedJobAsync(chunksJob, ns)) != JobState.Succeeded)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the chunks Job {chunksJob} did not complete");
                await Task.Delay(200);
            }
        }
        finally { env.Operator.Start(); }

        var done = await env.WaitForPhaseAsync(ns, "killed", ImportPhases.Successful, TimeSpan.FromMinutes(3));
        var jobs = await env.JobsAsync(ns);
        Assert.Equal(3, jobs.Count);
        Assert.Single(jobs, j => j.Metadata.Name.EndsWith("-merge", StringComparison.Ordinal));
        Assert.Single(PodsOf(ns, ProcessingJobNames.For("killed", done.Metadata.Uid) + "-merge"));
        Assert.Equal(Rows, done.Status!.ResultMetadata!.NumDataRows);
    }
}
