using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Jobs;
using ImportOperator.Tests.Operator.Support;
using k8s;

namespace ImportOperator.Tests.Operator.Faults;

/// <summary>
/// The worker, then the operator, killed (SIGKILL) at each stage of an import. The stage is pinned without timing
/// guesses: <see cref="FlakyS3Proxy.HoldNext"/> holds the storage request that marks it, the test kills while the
/// request is held, then lets storage go on. Every import still ends once, with one Job, whole results, and
/// nothing stored after deletion. (OperatorRestartTests covers the operator killed while down, at PENDING and at
/// RUNNING; these add the kills inside the worker's stages and during deletion.)
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class StageKillTests(FlakyStorageEnvironment env) : IClassFixture<FlakyStorageEnvironment>
{
    /// <summary>Each stage: the storage request that shows the worker is in it, and whether that request's write has happened.</summary>
    static readonly (string Stage, string Method, string Key, bool AfterForwarding)[] WorkerStages =
    [
        ("download", "GET", "input/*", false),
        ("write-results", "PUT", "results/data.json", false),
        ("before-commit", "PUT", "results/summary.json", false),
        ("after-commit", "PUT", "results/summary.json", true),
    ];

    [Fact]
    public async Task A_worker_killed_at_any_stage_is_replaced_and_each_import_succeeds_once()
    {
        // One import per stage, run side by side (one namespace), each with its own gate and its own kill.
        var ns = await env.NewNamespaceAsync("worker-kill");
        await using var invariants = ImportInvariants.Watch(env, ns);
        await Task.WhenAll(WorkerStages.Select(async s =>
        {
            var waiting = await FaultScenarios.CreateAwaitingUploadAsync(env, ns, s.Stage);
            var gate = env.Proxy.HoldNext(s.Method, $"*/{ns}/{s.Stage}/*/{s.Key}", s.AfterForwarding);
            try
            {
                await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, FaultScenarios.PeopleCsv);
                await WaitReachedAsync(gate, ns, s.Stage);
                var killed = env.Api.JobRunner!.KillRunningPods(a => a.Namespace == ns && a.JobLabels.GetValueOrDefault(ImportLabels.ImportName) == s.Stage);
                Assert.True(killed == 1, $"{killed} worker processes of {s.Stage} were killed, not 1");
            }
            finally { gate.Release(); }
        }));

        var finished = await invariants.AssertAllFinishAsync(WorkerStages.Length, TimeSpan.FromSeconds(240));
        foreach (var import in finished) await FaultScenarios.AssertAllPeopleImportedAsync(import);
        var jobs = await env.JobsAsync(ns);
        var pods = (await env.Client.CoreV1.ListNamespacedPodAsync(ns)).Items;
        foreach (var (stage, _, _, _) in WorkerStages)
        {
            var job = Assert.Single(jobs, j => j.Metadata.Labels[ImportLabels.ImportName] == stage);
            Assert.Equal(2, pods.Count(p => p.Metadata.OwnerReferences?.Any(o => o.Name == job.Metadata.Name) == true)); // the killed one and its replacement
        }
        await FaultScenarios.DeleteAllAsync(env, invariants, ns, WorkerStages.Select(s => s.Stage));
    }

    [Fact]
    public async Task The_operator_killed_while_the_worker_commits_results_reports_them_once_after_restart()
    {
        var (ns, invariants, waiting) = await FaultScenarios.StartAsync(env, "op-commit", "op-commit");
        await using var watching = invariants;
        var gate = env.Proxy.HoldNext("PUT", $"*/{ns}/*/results/summary.json");
        try
        {
            await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, FaultScenarios.PeopleCsv);
            await WaitReachedAsync(gate, ns, "summary commit");
            env.Operator.Kill();
        }
        finally
        {
            gate.Release();
            if (!env.Operator.IsRunning) env.Operator.Start();
        }

        var finished = (await invariants.AssertAllFinishAsync(1, TimeSpan.FromSeconds(180))).Single();
        await FaultScenarios.AssertAllPeopleImportedAsync(finished);
    }

    [Fact]
    public async Task The_operator_killed_while_deleting_an_import_s_objects_finishes_the_deletion_after_restart()
    {
        var (ns, invariants) = await FaultScenarios.FinishedAsync(env, "op-delete", "op-delete");
        await using var watching = invariants;

        // The cleanup's first storage call for this import (a list of its prefix or a delete) is held, then the operator dies.
        var list = env.Proxy.HoldNext("GET", env.Bucket + "*", queryPattern: $"*prefix={ns}/op-delete/*");
        try
        {
            await env.DeleteAsync(ns, "op-delete");
            await list.Reached.WaitAsync(TimeSpan.FromSeconds(120));
            env.Operator.Kill();
        }
        finally
        {
            list.Release();
            if (!env.Operator.IsRunning) env.Operator.Start();
        }

        await env.WaitUntilGoneAsync(ns, "op-delete", TimeSpan.FromSeconds(120));
        await invariants.AssertNothingStoredAsync();
        invariants.AssertHeld();
    }

    async Task WaitReachedAsync(S3RequestGate gate, string ns, string stage)
    {
        try { await gate.Reached.WaitAsync(TimeSpan.FromSeconds(120)); }
        catch (TimeoutException)
        {
            var import = await env.GetAsync(ns, stage);
            Assert.Fail($"The worker never reached the {stage} stage ({gate}); import phase {import?.Status?.Phase}, message {import?.Status?.Message}.\n{env.Operator.Log[^Math.Min(3000, env.Operator.Log.Length)..]}");
        }
    }
}
