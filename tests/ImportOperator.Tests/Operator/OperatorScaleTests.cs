using System.Diagnostics;
using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Tests.Operator.Support;
using k8s;
using Xunit.Abstractions;

namespace ImportOperator.Tests.Operator;

/// <summary>
/// Many imports at once: a burst all get their upload URL, a batch all reach SUCCESSFUL with exactly one Job each,
/// and finished imports held in the cache keep fresh links across a restart; times and the operator's memory are
/// reported. CI runs modest sizes; bench/operator.py runs the issue's sizes (1,000 / 200 / 10,000) through the
/// IMPORT_OPERATOR_SCALE_* variables, so the figures come from a benchmark and not from a timed unit test.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class OperatorScaleTests(OperatorEnvironment env, ITestOutputHelper output) : IClassFixture<OperatorEnvironment>
{
    static readonly int Imports = Size("IMPORT_OPERATOR_SCALE_IMPORTS", 50);
    static readonly int Burst = Size("IMPORT_OPERATOR_SCALE_BURST", 1000);
    static readonly int Finished = Size("IMPORT_OPERATOR_SCALE_FINISHED", 1000);

    static int Size(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
        var artifacts = RepositoryPaths.Of("artifacts");
        Directory.CreateDirectory(artifacts);
        File.AppendAllText(Path.Combine(artifacts, "operator-scale.txt"), line + "\n");
    }

    static long MiB(long? bytes) => (bytes ?? 0) / (1024 * 1024);

    [Fact]
    public async Task A_thousand_imports_applied_at_once_all_get_their_upload_url_quickly()
    {
        var count = Burst;
        var ns = await env.NewNamespaceAsync("burst");
        var clock = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try { await env.CreateAsync(Samples.People(ns, $"wait-{i:D4}")); }
                finally { gate.Release(); }
            }));
        }
        var applied = clock.Elapsed;
        List<HeadlessImport> items = [];
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            items = (await env.Imports.ListAsync(ns, null, CancellationToken.None)).Items.ToList();
            if (items.Count(i => i.Status?.Phase == ImportPhases.AwaitingUpload && i.Status.Upload is not null) == count) break;
            await Task.Delay(100);
        }
        var ready = clock.Elapsed;

        Assert.Equal(count, items.Count(i => i.Status?.Phase == ImportPhases.AwaitingUpload && i.Status.Upload is not null));
        Assert.Equal(count, items.Select(i => i.Status!.Upload).Distinct().Count());
        Report($"operator burst: {count} imports applied in {applied.TotalSeconds:0.0} s, all AWAITING_UPLOAD with an upload URL after {ready.TotalSeconds:0.0} s; operator peak RSS {MiB(env.Operator.PeakMemoryBytes)} MiB");
    }

    [Fact]
    public async Task A_batch_of_imports_applied_at_once_all_succeed_with_one_job_each()
    {
        var ns = await env.NewNamespaceAsync("scale");
        var clock = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(16))
        {
            await Task.WhenAll(Enumerable.Range(0, Imports).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var import = Samples.People(ns, $"bulk-{i:D3}");
                    import.Spec.OriginalFilename = null;
                    import.Spec.InitialData = [new JsonObject { ["name"] = $"Person {i}", ["email"] = $"p{i}@example.com" }];
                    await env.CreateAsync(import);
                }
                finally { gate.Release(); }
            }));
        }
        var applied = clock.Elapsed;

        var deadline = DateTime.UtcNow.AddMinutes(10);
        List<HeadlessImport> items = [];
        while (DateTime.UtcNow < deadline)
        {
            items = (await env.Imports.ListAsync(ns, null, CancellationToken.None)).Items.ToList();
            if (items.Count == Imports && items.All(i => ImportPhases.IsFinished(i.Status?.Phase))) break;
            await Task.Delay(500);
        }
        var finished = clock.Elapsed;
        var peak = env.Operator.PeakMemoryBytes;

        var phases = items.GroupBy(i => i.Status?.Phase ?? "(none)").ToDictionary(g => g.Key, g => g.Count());
        Assert.True(phases.GetValueOrDefault(ImportPhases.Successful) == Imports,
            $"Phases after {finished.TotalSeconds:0} s: {string.Join(", ", phases.Select(p => $"{p.Key}={p.Value}"))}\n{env.Operator.Log[^Math.Min(4000, env.Operator.Log.Length)..]}");
        var jobs = await env.JobsAsync(ns);
        Assert.Equal(Imports, jobs.Count);
        Assert.Equal(Imports, jobs.Select(j => j.Metadata.Labels["importoperator.io/import-uid"]).Distinct().Count());
        Assert.All(items, i => Assert.Equal(1, i.Status!.ResultMetadata!.NumResultRows));

        Report($"operator scale: {Imports} imports applied in {applied.TotalSeconds:0.0} s, all SUCCESSFUL after {finished.TotalSeconds:0.0} s " +
               $"(local Job runner, {env.Api.JobRunner!.PeakRunningPodCount} worker processes at most at once); operator peak RSS {MiB(peak)} MiB");
    }

    [Fact]
    public async Task Finished_imports_in_the_cache_get_fresh_download_links_after_a_restart_and_the_memory_is_reported()
    {
        // One real import gives a realistic finished status (counts, errors, links) to stamp on the others.
        var ns = await env.NewNamespaceAsync("finished");
        var real = Samples.People(ns, "real");
        real.Spec.OriginalFilename = null;
        real.Spec.InitialData = [new JsonObject { ["name"] = "Ada", ["email"] = "ada@example.com" }];
        await env.CreateAsync(real);
        var template = (await env.WaitForPhaseAsync(ns, "real", ImportPhases.Successful)).Status!;
        Assert.NotNull(template.Result?.DataUrl);

        // With the operator down, the finished imports appear with links that have already expired.
        env.Operator.Kill();
        var expired = DateTime.UtcNow.AddMinutes(-1);
        using (var gate = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, Finished).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var import = Samples.People(ns, $"done-{i:D5}");
                    import.Spec.OriginalFilename = null;
                    import.Spec.InitialData = real.Spec.InitialData;
                    import.Metadata.Finalizers = [ImportOperator.Operator.Jobs.ImportLabels.CleanupFinalizer];
                    var created = await env.CreateAsync(import);
                    var status = System.Text.Json.JsonSerializer.Deserialize<HeadlessImportStatus>(
                        System.Text.Json.JsonSerializer.Serialize(template, ImportOperator.Api.ApiJson.Options), ImportOperator.Api.ApiJson.Options)!;
                    status.Id = created.Metadata.Uid;
                    string Own(string? location) => location!.Replace($"/real/{template.Id}/", $"/{created.Metadata.Name}/{created.Metadata.Uid}/", StringComparison.Ordinal);
                    status.Result = new ImportResultLocation { Data = Own(template.Result!.Data), Metadata = Own(template.Result.Metadata), UrlsExpireAt = expired };
                    created.Status = status;
                    await env.Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<HeadlessImport>(created, ApiGroup.Group, ApiGroup.Version, ns, HeadlessImport.Plural, created.Metadata.Name);
                }
                finally { gate.Release(); }
            }));
        }

        var clock = Stopwatch.StartNew();
        env.Operator.Start();
        List<HeadlessImport> items = [];
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            items = (await env.Imports.ListAsync(ns, null, CancellationToken.None)).Items.Where(i => i.Metadata.Name.StartsWith("done-", StringComparison.Ordinal)).ToList();
            if (items.All(i => i.Status?.Result?.UrlsExpireAt > DateTime.UtcNow)) break;
            await Task.Delay(500);
        }
        var renewed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2)); // Let the last reconciles settle before reading memory.
        var peak = env.Operator.PeakMemoryBytes;
        var current = env.Operator.CurrentMemoryBytes;

        Assert.Equal(Finished, items.Count);
        Assert.All(items, i =>
        {
            Assert.Equal(ImportPhases.Successful, i.Status!.Phase);
            Assert.True(i.Status.Result!.UrlsExpireAt > DateTime.UtcNow, $"{i.Metadata.Name} still has links that expired at {i.Status.Result.UrlsExpireAt:u}");
            Assert.Contains($"/{ns}/{i.Metadata.Name}/", i.Status.Result.DataUrl!, StringComparison.Ordinal);
        });
        Report($"operator finished: {Finished} finished imports in the cache, every download link renewed {renewed.TotalSeconds:0.0} s after start; operator RSS {MiB(current)} MiB, peak {MiB(peak)} MiB");
    }
}
