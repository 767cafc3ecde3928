using ImportOperator.Api.V1Alpha1;
using ImportOperator.Tests.Operator.Support;

namespace ImportOperator.Tests.Operator.Faults;

/// <summary>
/// Two operator replicas with leader election; the leader is killed (SIGKILL: its Lease is not released) while
/// imports are in flight. The standby takes the Lease once it expires and finishes every import, once each.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class LeaderFailoverTests(LeaderElectionEnvironment env) : IClassFixture<LeaderElectionEnvironment>
{
    const string BecameLeader = "became leader";
    const int Imports = 5;

    [Fact]
    public async Task Killing_the_leader_mid_import_hands_every_import_to_the_standby_once()
    {
        await WaitForLogAsync(env.Operator, BecameLeader, "the first replica to lead");
        await using var standby = env.NewOperatorReplica();
        standby.Start();
        var ns = await env.NewNamespaceAsync("failover");
        await using var invariants = ImportInvariants.Watch(env, ns);
        var names = Enumerable.Range(0, Imports).Select(i => $"fo-{i}").ToList();
        foreach (var name in names) await env.CreateAsync(FaultScenarios.Inline(ns, name));

        // Kill the leader as soon as processing has begun, so some imports are mid-flight and others not started.
        await env.WaitAsync(ns, names[0], i => i.Status?.Phase is not null and not ImportPhases.AwaitingUpload, "processing begun", TimeSpan.FromSeconds(120));
        Assert.DoesNotContain(BecameLeader, standby.Log); // one leader at a time: the standby only waits
        env.Operator.Kill();
        await WaitForLogAsync(standby, BecameLeader, "the standby to take over");

        var finished = await invariants.AssertAllFinishAsync(Imports, TimeSpan.FromSeconds(240));
        foreach (var import in finished) await FaultScenarios.AssertAllPeopleImportedAsync(import);
        Assert.Equal(Imports, (await env.JobsAsync(ns)).Count);
    }

    static async Task WaitForLogAsync(OperatorProcess process, string text, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.Log.Contains(text, StringComparison.Ordinal)) return;
            await Task.Delay(200);
        }
        Assert.Fail($"Waited for {what} ('{text}' in its log):\n{process.Log[^Math.Min(3000, process.Log.Length)..]}");
    }
}
