using System.Diagnostics;
using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Tests.Operator.Support;
using k8s;
using Xunit.Abstractions;

namespace ImportOperator.Tests.Operator;

/// <summary>200 imports applied at once all reach SUCCESSFUL, each with exactly one Job; the time and the operator's peak memory are reported.</summary>
[Collection(OperatorCollection.Name)]
public sealed class OperatorScaleTests(OperatorEnvironment env, ITestOutputHelper output) : IClassFixture<OperatorEnvironment>
{
    const int Imports = 200;

    [Fact]
    public async Task A_thousand_imports_applied_at_once_all_get_their_upload_url_quickly()
    {
        const int count = 1000;
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
        var line = $"operator burst: {count} imports applied in {applied.TotalSeconds:0.0} s, all AWAITING_UPLOAD with an upload URL after {ready.TotalSeconds:0.0} s; operator peak RSS {(env.Operator.PeakMemoryBytes ?? 0) / (1024 * 1024)} MiB";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    [Fact]
    public async Task Two_hundred_imports_applied_at_once_all_succeed_with_one_job_each()
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

        var line = $"operator scale: {Imports} imports applied in {applied.TotalSeconds:0.0} s, all SUCCESSFUL after {finished.TotalSeconds:0.0} s " +
                   $"(local Job runner, {env.Api.JobRunner!.PeakRunningPodCount} worker processes at most at once); operator peak RSS {(peak ?? 0) / (1024 * 1024)} MiB";
        output.WriteLine(line);
        Console.WriteLine(line);
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, "operator-scale.txt"), line + "\n");
    }
}
