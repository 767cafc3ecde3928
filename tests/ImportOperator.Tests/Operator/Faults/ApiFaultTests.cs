using ImportOperator.Api.V1Alpha1;
using ImportOperator.Tests.Operator.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImportOperator.Tests.Operator.Faults;

/// <summary>
/// The Kubernetes API misbehaving while an import is in flight — failing calls, throttling, slowness, dropped watches,
/// compacted history, a user writing the object at the same time — and the import still ends once, correctly, with
/// one Job and nothing left behind after deletion.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class ApiFaultTests(OperatorEnvironment env) : IClassFixture<OperatorEnvironment>
{
    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task Failing_api_calls_mid_import_are_retried_and_the_import_succeeds_once(int status)
    {
        var (ns, invariants, waiting) = await FaultScenarios.StartAsync(env, "api" + status, "flaky-api");
        await using var watching = invariants;
        var servedBefore = env.Api.Faults.FailuresServed;

        env.Api.Faults.FailNext(12, status);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, FaultScenarios.PeopleCsv);

        var finished = await invariants.AssertAllFinishAsync(1, TimeSpan.FromSeconds(180));
        await FaultScenarios.AssertAllPeopleImportedAsync(finished.Single());
        Assert.True(env.Api.Faults.FailuresServed - servedBefore >= 12, "the operator never met the injected failures");
        await FaultScenarios.DeleteAllAsync(env, invariants, ns, ["flaky-api"]);
    }

    [Fact]
    public async Task A_slow_api_server_delays_imports_but_every_one_finishes_once()
    {
        var ns = await env.NewNamespaceAsync("slow");
        await using var invariants = ImportInvariants.Watch(env, ns);
        env.Api.Faults.Latency = TimeSpan.FromMilliseconds(250);
        try
        {
            var names = new[] { "slow-a", "slow-b", "slow-c" };
            var uploads = await Task.WhenAll(names.Select(n => FaultScenarios.CreateAwaitingUploadAsync(env, ns, n)));
            await Task.WhenAll(uploads.Select(u => OperatorEnvironment.UploadAsync(u.Status!.Upload!, FaultScenarios.PeopleCsv)));

            var finished = await invariants.AssertAllFinishAsync(names.Length, TimeSpan.FromSeconds(240));
            foreach (var import in finished) await FaultScenarios.AssertAllPeopleImportedAsync(import);
        }
        finally { env.Api.Faults.Latency = TimeSpan.Zero; }
    }

    [Fact]
    public async Task Watches_dropped_and_history_compacted_mid_import_lose_no_import()
    {
        var ns = await env.NewNamespaceAsync("watch");
        await using var invariants = ImportInvariants.Watch(env, ns);
        var names = new[] { "watch-a", "watch-b" };
        var uploads = await Task.WhenAll(names.Select(n => FaultScenarios.CreateAwaitingUploadAsync(env, ns, n)));
        var killsBefore = env.Api.Faults.WatchKills;

        using var stop = new CancellationTokenSource();
        var storm = Task.Run(async () =>
        {
            // Every watch dropped and resumed against compacted history (410 Gone, a re-list) over and over,
            // while the uploads are found and the Jobs run.
            while (!stop.IsCancellationRequested)
            {
                env.Api.Compact();
                env.Api.Faults.CloseAllWatches();
                try { await Task.Delay(700, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        try
        {
            await Task.WhenAll(uploads.Select(u => OperatorEnvironment.UploadAsync(u.Status!.Upload!, FaultScenarios.PeopleCsv)));
            await env.WaitAsync(ns, names[0], i => i.Status?.Phase is ImportPhases.Running or ImportPhases.Successful, "RUNNING or later", TimeSpan.FromSeconds(120));
        }
        finally
        {
            await stop.CancelAsync();
            await storm;
        }

        var finished = await invariants.AssertAllFinishAsync(names.Length, TimeSpan.FromSeconds(180));
        foreach (var import in finished) await FaultScenarios.AssertAllPeopleImportedAsync(import);
        Assert.True(env.Api.Faults.WatchKills - killsBefore >= 1);
    }

    [Fact]
    public async Task A_user_relabelling_the_import_while_the_operator_writes_status_keeps_both_writes()
    {
        var (ns, invariants, waiting) = await FaultScenarios.StartAsync(env, "conflict", "relabelled");
        await using var watching = invariants;

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => RelabelUntilStoppedAsync(ns, "relabelled", stop.Token));
        int writes;
        try
        {
            await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, FaultScenarios.PeopleCsv);
            await env.WaitForPhaseAsync(ns, "relabelled", ImportPhases.Successful, TimeSpan.FromSeconds(180));
        }
        finally
        {
            await stop.CancelAsync();
            writes = await writer;
        }

        var finished = (await invariants.AssertAllFinishAsync(1)).Single();
        await FaultScenarios.AssertAllPeopleImportedAsync(finished);
        Assert.True(writes > 0, "the user's writer never got a write in");
        Assert.Equal(writes.ToString(System.Globalization.CultureInfo.InvariantCulture), finished.Metadata.Labels["team.example.com/touched"]);
        Assert.Equal("kept", finished.Metadata.Annotations["team.example.com/note"]);
    }

    /// <summary>
    /// What a user's tooling does: read, change labels and annotations, write back with the resourceVersion read
    /// (optimistic concurrency), retrying its own conflicts. Returns how many writes got through.
    /// </summary>
    async Task<int> RelabelUntilStoppedAsync(string ns, string name, CancellationToken stop)
    {
        using var client = env.Api.CreateFaultExemptClient();
        var writes = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var current = await env.Imports.GetAsync(new Runtime.ObjectKey(ns, name), CancellationToken.None);
                current.Metadata.Labels ??= new Dictionary<string, string>();
                current.Metadata.Annotations ??= new Dictionary<string, string>();
                current.Metadata.Labels["team.example.com/touched"] = (writes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                current.Metadata.Annotations["team.example.com/note"] = "kept";
                await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(current, ApiGroup.Group, ApiGroup.Version, ns, HeadlessImport.Plural, name, cancellationToken: CancellationToken.None);
                writes++;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict) { }
            try { await Task.Delay(50, stop); } catch (OperationCanceledException) { }
        }
        return writes;
    }
}
