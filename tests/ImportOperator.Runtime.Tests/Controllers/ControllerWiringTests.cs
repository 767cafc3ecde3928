using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Helpers;
using ImportOperator.Runtime.Informers;
using ImportOperator.Runtime.Manager;
using ImportOperator.Runtime.Tests.Support;
using k8s;
using k8s.Models;

namespace ImportOperator.Runtime.Tests.Controllers;

/// <summary>How results and child objects drive reconciles, end to end over HTTP.</summary>
public sealed class ControllerWiringTests
{
    static async Task<(ServerScope Scope, RecordingReconciler Reconciler, CancellationTokenSource Stop, Task Run)> StartAsync(
        RecordingReconciler reconciler, Func<ServerScope, Controller<Widget>, Controller<Widget>>? wire = null)
    {
        var scope = await ServerScope.StartAsync();
        await scope.CreateWidgetAsync("one");
        var controller = new Controller<Widget>("wiring", scope.WidgetInformer(), reconciler);
        controller = wire?.Invoke(scope, controller) ?? controller;
        var stop = new CancellationTokenSource();
        var run = new ControllerManager(scope.Client).Add(controller).RunAsync(stop.Token);
        return (scope, reconciler, stop, run);
    }

    [Fact]
    public async Task A_change_to_an_owned_job_reconciles_its_owner()
    {
        var jobs = (Informer<V1Job>?)null;
        var (scope, reconciler, stop, run) = await StartAsync(new RecordingReconciler(), (s, c) =>
        {
            jobs = new Informer<V1Job>(new ResourceClient<V1Job>(s.Client, ResourceKind.Jobs));
            return c.Owns(jobs);
        });
        await using var _ = scope;
        await Eventually.TrueAsync(() => reconciler.Total == 1, TimeSpan.FromSeconds(10), "the first reconcile");
        var owner = await scope.Widgets.GetAsync(new("default", "one"), default);
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "one-job", OwnerReferences = [OwnerReferences.ControllerReference(owner, Widget.Kind)] },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "busybox" }] } } },
        };
        await scope.Client.BatchV1.CreateNamespacedJobAsync(job, "default");
        await Eventually.TrueAsync(() => reconciler.Total == 2, TimeSpan.FromSeconds(10), "the job's creation reconciles the owner");

        await scope.Client.BatchV1.PatchNamespacedJobStatusAsync(new V1Patch("{\"status\":{\"succeeded\":1}}", V1Patch.PatchType.MergePatch), "one-job", "default");
        await Eventually.TrueAsync(() => reconciler.Total == 3, TimeSpan.FromSeconds(10), "the job's status change reconciles the owner");
        stop.Cancel();
        await run;

        Assert.Equal(3, reconciler.Counts[new("default", "one")]);
    }

    [Fact]
    public async Task A_terminal_error_is_not_retried()
    {
        var attempts = 0;
        var reconciler = new RecordingReconciler
        {
            Hook = (_, _) => { Interlocked.Increment(ref attempts); throw new TerminalReconcileException("spec can never work"); },
        };
        var (scope, _, stop, run) = await StartAsync(reconciler);
        await using var _ = scope;
        await Eventually.TrueAsync(() => Volatile.Read(ref attempts) == 1, TimeSpan.FromSeconds(10), "one attempt");
        await Task.Delay(500); // retries would start within 5 ms
        stop.Cancel();
        await run;

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RequeueAfter_reconciles_again_after_the_delay_without_any_change()
    {
        var reconciler = new RecordingReconciler { Result = ReconcileResult.After(TimeSpan.FromMilliseconds(200)) };
        var (scope, _, stop, run) = await StartAsync(reconciler);
        await using var _ = scope;
        var started = DateTime.UtcNow;
        await Eventually.TrueAsync(() => reconciler.Total >= 3, TimeSpan.FromSeconds(10), "three reconciles");
        var elapsed = DateTime.UtcNow - started;
        stop.Cancel();
        await run;

        Assert.True(elapsed >= TimeSpan.FromMilliseconds(380), $"three reconciles took {elapsed.TotalMilliseconds:0} ms");
    }
}
