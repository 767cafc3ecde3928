using ImportOperator.Api.V1Alpha1;
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
    public static TheoryData<string, string, string, bool> WorkerStages => new()
    {
        // stage,                    method, key pattern (after the namespace),  hold the answer (the write happened)
        { "download",                "GET",  "input/*",                  false },
        { "write-results",           "PUT",  "results/data.json",        false },
        { "before-summary-commit",   "PUT",  "results/summary.json",     false },
        { "after-summary-commit",    "PUT",  "results/summary.json",     true },
    };

    [Theory]
    [MemberData(nameof(WorkerStages))]
    public async Task A_worker_killed_at_a_stage_is_replaced_and_the_import_succeeds_once(string stage, string method, string key, bool afterForwarding)
    {
        var ns = await env.NewNamespaceAsync("wk-" + stage[..5]);
        await using var invariants = ImportInvariants.Watch(env, ns);
        var waiting = await FaultScenarios.CreateAwaitingUploadAsync(env, ns, stage);
        var gate = env.Proxy.HoldNext(method, $"*/{ns}/*/{key}", afterForwarding);
        try
        {
            await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, FaultScenarios.PeopleCsv);
            await WaitReachedAsync(gate, ns, stage);

            var killed = env.Api.JobRunner!.KillRunningPods(attempt => attempt.Namespace == ns);
            Assert.Equal(1, killed);
        }
        finally { gate.Release(); }

        var finished = (await invariants.AssertAllFinishAsync(1, TimeSpan.FromSeconds(180))).Single();
        await FaultScenarios.AssertAllPeopleImportedAsync(finished);
        var pods = await env.Client.CoreV1.ListNamespacedPodAsync(ns);
        Assert.Equal(2, pods.Items.Count);
        await FaultScenarios.DeleteAllAsync(env, ns, [stage]);
        await invariants.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task The_operator_killed_while_the_worker_commits_results_reports_them_once_after_restart()
    {
        var ns = await env.NewNamespaceAsync("op-commit");
        await using var invariants = ImportInvariants.Watch(env, ns);
        var waiting = await FaultScenarios.CreateAwaitingUploadAsync(env, ns, "op-commit");
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
        var ns = await env.NewNamespaceAsync("op-delete");
        await using var invariants = ImportInvariants.Watch(env, ns);
        var waiting = await FaultScenarios.CreateAwaitingUploadAsync(env, ns, "op-delete");
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, FaultScenarios.PeopleCsv);
        await invariants.AssertAllFinishAsync(1, TimeSpan.FromSeconds(180));

        // The cleanup's first storage call for this import (a list of its prefix or a delete) is held, then the operator dies.
        var list = env.Proxy.HoldNext("GET", env.Bucket, queryPattern: $"*prefix={ns}/op-delete/*");
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
