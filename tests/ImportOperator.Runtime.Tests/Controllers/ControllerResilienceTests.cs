using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Informers;
using ImportOperator.Runtime.Manager;
using ImportOperator.Runtime.Queue;
using ImportOperator.Runtime.Tests.Support;

namespace ImportOperator.Runtime.Tests.Controllers;

/// <summary>The "done when" list for the runtime, each against the test API server over HTTP.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ControllerResilienceTests
{
    static InformerOptions FastReconnect => new() { InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task A_watch_killed_50_times_loses_no_event_and_never_runs_one_key_twice_at_once()
    {
        await using var scope = await ServerScope.StartAsync();
        const int widgets = 20;
        for (int i = 0; i < widgets; i++) await scope.CreateWidgetAsync($"w{i}");
        var informer = scope.WidgetInformer(FastReconnect);
        var reconciler = new RecordingReconciler(scope.Widgets, work: TimeSpan.FromMilliseconds(2));
        var controller = new Controller<Widget>("widgets", informer, reconciler, new ControllerOptions { MaxConcurrentReconciles = 4 });
        // Every spec version the informer delivers, per widget: each must arrive exactly once.
        var delivered = new System.Collections.Concurrent.ConcurrentDictionary<string, List<long>>();
        informer.AddHandler(e =>
        {
            if (e.Type == InformerEventType.Modified && e.Previous?.Metadata.Generation != e.Object.Metadata.Generation)
            {
                var seen = delivered.GetOrAdd(e.Object.Metadata.Name, _ => []);
                lock (seen) seen.Add(e.Object.Metadata.Generation ?? 0);
            }
        });
        using var cts = new CancellationTokenSource();
        var run = new ControllerManager(scope.Client).Add(controller).RunAsync(cts.Token);

        await Eventually.TrueAsync(() => informer.HasSynced && scope.Server.Store.OpenWatchCount == 1, TimeSpan.FromSeconds(10), "the informer is watching");
        // Spec changes keep coming while the watch stream is cut 50 times (within the minute).
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var expected = new Dictionary<string, int>();
        for (int kill = 0; kill < 50; kill++)
        {
            for (int j = 0; j < 4; j++)
            {
                var name = $"w{Random.Shared.Next(widgets)}";
                expected[name] = kill * 10 + j + 2;
                await scope.SetSizeAsync(name, expected[name]);
            }
            // Counted on the server, as in the memory test below: a watch opened but not yet registered survives the kill.
            var registered = scope.Server.Store.WatchesRegistered;
            scope.Server.Faults.CloseAllWatches();
            await Eventually.TrueAsync(() => scope.Server.Store.WatchesRegistered > registered && scope.Server.Store.OpenWatchCount == 1, TimeSpan.FromSeconds(20), "the informer watches again");
        }
        var elapsed = stopwatch.Elapsed;

        var final = await scope.Widgets.ListAsync("default", null, default);
        await Eventually.TrueAsync(() => final.Items.All(w =>
                informer.Get(ObjectKey.Of(w))?.Metadata.Generation == w.Metadata.Generation
                && reconciler.ObservedGeneration.TryGetValue(ObjectKey.Of(w), out var g) && g == w.Metadata.Generation),
            TimeSpan.FromSeconds(30), "every widget's latest spec reaches the cache and is reconciled",
            () => string.Join("; ", final.Items.Select(w => $"{w.Metadata.Name} server rv {w.Metadata.ResourceVersion} gen {w.Metadata.Generation}, cache rv {informer.Get(ObjectKey.Of(w))?.Metadata.ResourceVersion}, reconciled gen {reconciler.ObservedGeneration.GetValueOrDefault(ObjectKey.Of(w))}")) + $"; informer rv {informer.LastResourceVersion} reconnects {informer.Reconnects} relists {informer.Relists} opened {informer.WatchesOpened}");
        cts.Cancel();
        await run;

        Assert.True(elapsed < TimeSpan.FromMinutes(1), $"50 kills took {elapsed}");
        Assert.True(informer.Reconnects >= 45, $"reconnected {informer.Reconnects} times over 50 kills");
        Assert.Equal(0, reconciler.Overlaps);
        Assert.All(final.Items, w => Assert.Equal(expected.GetValueOrDefault(w.Metadata.Name, 1), w.Spec!.Size));
        Assert.Equal(1, informer.Relists);
        foreach (var w in final.Items)
        {
            var generations = delivered.GetValueOrDefault(w.Metadata.Name) ?? [];
            var all = Enumerable.Range(2, (int)(w.Metadata.Generation ?? 1) - 1).Select(g => (long)g).ToArray();
            Assert.Equal(all, generations.ToArray()); // no spec change lost, none delivered twice, in order
        }
    }

    [Fact]
    public async Task After_compaction_a_410_causes_exactly_one_relist()
    {
        await using var scope = await ServerScope.StartAsync();
        await scope.CreateWidgetAsync("a");
        var informer = scope.WidgetInformer(FastReconnect);
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.Synced;

        // While the informer cannot reconnect, a change happens and history is compacted away: only a relist recovers it.
        var refused = scope.Server.Faults.FailuresServed;
        scope.Server.Faults.FailNext(int.MaxValue, 500);
        scope.Server.Faults.CloseAllWatches();
        var store = scope.Server.Store;
        store.Patch(store.Registry.Find("test.example.com", "v1", "widgets")!, "default", "a",
            current => (System.Text.Json.Nodes.JsonObject)TestApiServer.Storage.JsonPatches.MergePatch(current, System.Text.Json.Nodes.JsonNode.Parse("{\"spec\":{\"size\":42}}"))!, statusOnly: false);
        store.Compact();
        await Eventually.TrueAsync(() => scope.Server.Faults.FailuresServed > refused, TimeSpan.FromSeconds(10), "the informer tries to reconnect and is refused");
        scope.Server.Faults.FailNext(0);

        await Eventually.TrueAsync(() => informer.Get(new("default", "a"))?.Spec?.Size == 42, TimeSpan.FromSeconds(10), "the missed change arrives");
        await Task.Delay(1500); // Long enough for a loop to show itself.
        cts.Cancel();
        await run;

        Assert.Equal(2, informer.Relists);
    }

    [Fact]
    public async Task Memory_stays_flat_over_1000_reconnects()
    {
        await using var scope = await ServerScope.StartAsync();
        for (int i = 0; i < 50; i++) await scope.CreateWidgetAsync($"m{i}");
        var informer = scope.WidgetInformer(new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(2) });
        using var cts = new CancellationTokenSource();
        var run = informer.RunAsync(cts.Token);
        await informer.Synced;

        async Task ReconnectAsync(int times)
        {
            for (int i = 0; i < times; i++)
            {
                // Counted on the server: a watch the informer had already opened but the server had not yet
                // registered survives the kill, so the informer's own counter need not move.
                var registered = scope.Server.Store.WatchesRegistered;
                scope.Server.Faults.CloseAllWatches();
                await Eventually.TrueAsync(() => scope.Server.Store.WatchesRegistered > registered && scope.Server.Store.OpenWatchCount == 1,
                    TimeSpan.FromSeconds(20), "the informer reconnects");
            }
        }

        await ReconnectAsync(100); // Warm-up: JIT, connection pools, buffers.
        var before = ManagedHeapAfterGc();
        await ReconnectAsync(1000);
        var after = ManagedHeapAfterGc();
        cts.Cancel();
        await run;

        Assert.Equal(50, informer.Count);
        Assert.True(informer.Reconnects >= 1000, $"{informer.Reconnects} reconnects over 1100 kills");
        Assert.True(after - before < 4 * 1024 * 1024, $"managed heap grew by {(after - before) / 1024} KiB over 1000 reconnects");
    }

    static long ManagedHeapAfterGc()
    {
        for (int i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public async Task A_burst_of_1000_updates_reconciles_each_once_for_its_latest_spec_and_status_writes_do_not_retrigger()
    {
        await using var scope = await ServerScope.StartAsync();
        const int count = 1000;
        var creates = Enumerable.Range(0, count).Select(i => scope.CreateWidgetAsync($"b{i}"));
        foreach (var chunk in creates.Chunk(50)) await Task.WhenAll(chunk);
        var informer = scope.WidgetInformer();
        var reconciler = new RecordingReconciler(scope.Widgets);
        var controller = new Controller<Widget>("burst", informer, reconciler, new ControllerOptions { MaxConcurrentReconciles = 8 });
        using var cts = new CancellationTokenSource();
        var run = new ControllerManager(scope.Client).Add(controller).RunAsync(cts.Token);
        await Eventually.TrueAsync(() => reconciler.ObservedGeneration.Count == count, TimeSpan.FromSeconds(60), "the initial reconcile of every widget");

        foreach (var chunk in Enumerable.Range(0, count).Chunk(50)) await Task.WhenAll(chunk.Select(i => scope.SetSizeAsync($"b{i}", 2)));
        await Eventually.TrueAsync(() => reconciler.ObservedGeneration.Values.All(g => g == 2), TimeSpan.FromSeconds(60), "every widget reconciled at generation 2");
        var settled = reconciler.Total;
        await Task.Delay(1500);
        cts.Cancel();
        await run;

        Assert.Equal(0, reconciler.Overlaps);
        Assert.Equal(settled, reconciler.Total); // The 2,000 status writes woke nothing.
        Assert.True(reconciler.Total <= 2 * count, $"{reconciler.Total} reconciles for {2 * count} spec versions");
        var list = await scope.Widgets.ListAsync("default", null, default);
        Assert.All(list.Items, w => Assert.Equal(2, w.Status?.ObservedGeneration));
    }

    [Fact]
    public async Task A_failing_reconcile_is_retried_with_growing_delays_and_recovers_when_the_fault_clears()
    {
        await using var scope = await ServerScope.StartAsync();
        await scope.CreateWidgetAsync("flaky");
        var informer = scope.WidgetInformer();
        var attempts = new List<DateTime>();
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new RecordingReconciler(scope.Widgets);
        reconciler.Hook = async (_, _) =>
        {
            await armed.Task;
            lock (attempts) attempts.Add(DateTime.UtcNow);
        };
        var controller = new Controller<Widget>("flaky", informer, reconciler, new ControllerOptions
        {
            MaxConcurrentReconciles = 1,
            RateLimiter = () => new RateLimiter<ObjectKey>(TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(10), 100, 100),
        });
        using var cts = new CancellationTokenSource();
        var run = new ControllerManager(scope.Client).Add(controller).RunAsync(cts.Token);

        // Once the informer is watching (so nothing else calls the API), the status writes of four attempts fail.
        await Eventually.TrueAsync(() => informer.HasSynced && scope.Server.Store.OpenWatchCount == 1, TimeSpan.FromSeconds(10), "the informer is watching");
        scope.Server.Faults.FailNext(4, 500);
        armed.SetResult();
        await Eventually.TrueAsync(() => reconciler.Total >= 1, TimeSpan.FromSeconds(20), "the reconcile eventually succeeds");
        cts.Cancel();
        await run;

        DateTime[] times;
        lock (attempts) times = attempts.ToArray();
        Assert.Equal(5, times.Length);
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray();
        var shown = string.Join(", ", gaps.Select(g => $"{g:0}ms"));
        // Each retry waits at least its backoff step (40 ms doubling): the floors grow, so the delays do. Only floors
        // are asserted: on a loaded machine any gap may run long (the first one pays for JIT), never short.
        for (int i = 0; i < gaps.Length; i++)
            Assert.True(gaps[i] >= 0.9 * 40 * Math.Pow(2, i), $"retry {i + 1} waited its backoff: {shown}");
        var widget = await scope.Widgets.GetAsync(new("default", "flaky"), default);
        Assert.Equal("Ready", widget.Status?.Phase);
    }
}
