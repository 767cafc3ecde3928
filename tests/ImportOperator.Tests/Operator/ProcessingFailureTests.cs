using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.TestApiServer.Jobs;
using ImportOperator.Tests.Operator.Support;
using k8s;

namespace ImportOperator.Tests.Operator;

/// <summary>
/// Processing Jobs that fail for infrastructure reasons (injected through the local Job runner, as a cluster would
/// produce them) end the import FAILED with the reason in words — or, when a retry can help, succeed on the retry.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class ProcessingFailureTests(OperatorEnvironment env) : IClassFixture<OperatorEnvironment>
{
    async Task<(string Ns, string Name)> StartInlineImportAsync(string name, Func<JobAttempt, PodFault?> fault, ImportSettings? settings = null)
    {
        var ns = await env.NewNamespaceAsync();
        env.Api.JobRunner!.InjectFault(attempt => attempt.Namespace == ns ? fault(attempt) : null);
        var import = Samples.People(ns, name, settings);
        import.Spec.OriginalFilename = null;
        import.Spec.InitialData = [new JsonObject { ["name"] = "Ada", ["email"] = "ada@example.com" }];
        await env.CreateAsync(import);
        return (ns, name);
    }

    [Fact]
    public async Task A_worker_killed_for_memory_on_every_attempt_fails_as_out_of_memory_naming_the_limit()
    {
        var (ns, name) = await StartInlineImportAsync("oom", _ => PodFault.OomKilled);

        var failed = await env.WaitForPhaseAsync(ns, name, ImportPhases.Failed);

        Assert.Equal("OutOfMemory", failed.Status!.Reason);
        Assert.Contains("1Gi", failed.Status.Message);
        Assert.Contains("settings.processing.resources.limits.memory", failed.Status.Message);
        Assert.Contains("2 attempts", failed.Status.Message); // backoffLimit 1: one retry
    }

    [Fact]
    public async Task An_eviction_is_retried_and_the_retry_succeeds()
    {
        var (ns, name) = await StartInlineImportAsync("evicted-once", attempt => attempt.Attempt == 1 ? PodFault.Evicted : null);

        var done = await env.WaitForPhaseAsync(ns, name, ImportPhases.Successful);

        Assert.Equal(1, done.Status!.ResultMetadata!.NumResultRows);
        Assert.Single(await env.JobsAsync(ns));
    }

    [Fact]
    public async Task Evicted_on_every_attempt_fails_with_the_node_s_reason()
    {
        var (ns, name) = await StartInlineImportAsync("evicted", _ => PodFault.Evicted);

        var failed = await env.WaitForPhaseAsync(ns, name, ImportPhases.Failed);

        Assert.Equal("Evicted", failed.Status!.Reason);
        Assert.Contains("low on resource: memory", failed.Status.Message);
    }

    [Fact]
    public async Task An_image_that_cannot_be_pulled_fails_the_import_and_removes_its_job()
    {
        var (ns, name) = await StartInlineImportAsync("no-image", _ => PodFault.ImagePullBackOff);

        var failed = await env.WaitForPhaseAsync(ns, name, ImportPhases.Failed);

        Assert.Equal("ImagePullFailed", failed.Status!.Reason);
        Assert.Contains(OperatorEnvironment.WorkerImage, failed.Status.Message);
        await WaitForNoJobsAsync(ns);
    }

    [Fact]
    public async Task Processing_past_its_timeout_fails_as_a_processing_timeout()
    {
        // The pod never gets to run; the Job's deadline (settings.processing.timeoutSeconds) ends it first.
        var (ns, name) = await StartInlineImportAsync("too-slow", _ => PodFault.ImagePullBackOff,
            new ImportSettings { Processing = new ProcessingSettings { TimeoutSeconds = 1 } });

        var failed = await env.WaitForPhaseAsync(ns, name, ImportPhases.Failed);

        Assert.Equal("ProcessingTimeout", failed.Status!.Reason);
        Assert.Contains("1 seconds", failed.Status.Message);
    }

    [Fact]
    public async Task The_worker_s_permanent_failure_is_not_retried_and_its_last_words_become_the_message()
    {
        var (ns, name) = await StartInlineImportAsync("permanent", _ => PodFault.ExitCode(3, "No stored object has the key 'x/input/people.csv'."));

        var failed = await env.WaitForPhaseAsync(ns, name, ImportPhases.Failed);

        Assert.Equal("WorkerFailed", failed.Status!.Reason);
        Assert.Contains("No stored object has the key 'x/input/people.csv'", failed.Status.Message);
        var pods = await env.Client.CoreV1.ListNamespacedPodAsync(ns);
        Assert.Single(pods.Items);
    }

    async Task WaitForNoJobsAsync(string ns)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if ((await env.JobsAsync(ns)).Count == 0) return;
            await Task.Delay(150);
        }
        Assert.Fail($"The processing Job in {ns} was not deleted.");
    }
}
