using ImportOperator.TestApiServer.Jobs;
using k8s;
using k8s.Models;
using static ImportOperator.Runtime.Tests.Jobs.JobRunnerScope;

namespace ImportOperator.Runtime.Tests.Jobs;

/// <summary>
/// Infrastructure faults injected through the local Job runner show the Pod and Job status a real cluster shows,
/// so the operator's classification of them can be tested; and failed containers get the kubelet's termination
/// message from their log.
/// </summary>
public sealed class InjectedFaultTests
{
    static void Configure(V1Job job, int backoffLimit, string? messagePolicy = "FallbackToLogsOnError")
    {
        job.Spec.BackoffLimit = backoffLimit;
        job.Spec.Template.Spec.Containers[0].TerminationMessagePolicy = messagePolicy;
    }

    [Fact]
    public async Task An_OOM_killed_container_fails_its_pod_with_exit_code_137_and_reason_OOMKilled()
    {
        await using var scope = await StartAsync();
        var ran = scope.ScratchPath("ran");
        scope.Runner.InjectFault(a => a.JobName == "work" ? PodFault.OomKilled : null);
        await scope.CreateAsync(ShellJob("work", $"touch '{ran}'", j => Configure(j, backoffLimit: 0)));

        var job = await scope.WaitForConditionAsync("work", "Failed");

        Assert.Equal("BackoffLimitExceeded", job.Status.Conditions.Single(c => c.Type == "Failed").Reason);
        Assert.Equal(1, job.Status.Failed);
        var pod = Assert.Single(scope.Pods("work"));
        Assert.Equal("Failed", pod.Status.Phase);
        var terminated = pod.Status.ContainerStatuses[0].State.Terminated;
        Assert.Equal(137, terminated.ExitCode);
        Assert.Equal("OOMKilled", terminated.Reason);
        Assert.False(File.Exists(ran), "the OOM-killed pod's command ran");
    }

    [Fact]
    public async Task An_evicted_pod_fails_with_reason_Evicted_and_a_DisruptionTarget_condition()
    {
        await using var scope = await StartAsync();
        scope.Runner.InjectFault(_ => PodFault.Evicted);
        await scope.CreateAsync(ShellJob("work", "exit 0", j => Configure(j, backoffLimit: 0)));

        var job = await scope.WaitForConditionAsync("work", "Failed");

        Assert.Equal(1, job.Status.Failed);
        var pod = Assert.Single(scope.Pods("work"));
        Assert.Equal("Failed", pod.Status.Phase);
        Assert.Equal("Evicted", pod.Status.Reason);
        Assert.Equal("The node was low on resource: memory.", pod.Status.Message);
        var disruption = pod.Status.Conditions.Single(c => c.Type == "DisruptionTarget");
        Assert.Equal("True", disruption.Status);
        Assert.Equal("TerminationByKubelet", disruption.Reason);
    }

    [Theory]
    [InlineData("FailJob")]
    [InlineData("Ignore")]
    public async Task A_pod_condition_rule_acts_on_an_eviction(string action)
    {
        await using var scope = await StartAsync();
        scope.Runner.InjectFault(a => a.Attempt == 1 ? PodFault.Evicted : null);
        await scope.CreateAsync(ShellJob("work", "exit 0", j =>
        {
            Configure(j, backoffLimit: 0);
            j.Spec.PodFailurePolicy = new V1PodFailurePolicy
            {
                Rules =
                [
                    new V1PodFailurePolicyRule { Action = "Count", OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement { OperatorProperty = "In", Values = [42] } },
                    new V1PodFailurePolicyRule { Action = action, OnPodConditions = [new V1PodFailurePolicyOnPodConditionsPattern { Type = "DisruptionTarget", Status = "True" }] },
                ],
            };
        }));

        var job = await scope.WaitForConditionAsync("work", action == "FailJob" ? "Failed" : "Complete");

        var evicted = scope.Pods("work").Single(p => p.Status.Reason == "Evicted");
        if (action == "FailJob")
        {
            var failed = job.Status.Conditions.Single(c => c.Type == "Failed");
            Assert.Equal("PodFailurePolicy", failed.Reason);
            Assert.Equal($"Pod default/{evicted.Metadata.Name} has condition DisruptionTarget matching FailJob rule at index 1", failed.Message);
        }
        else
        {
            Assert.Null(job.Status.Failed);
            Assert.Equal(2, scope.Pods("work").Count);
        }
    }

    [Fact]
    public async Task An_image_that_cannot_be_pulled_keeps_the_pod_pending_and_the_job_active_until_the_job_is_deleted()
    {
        await using var scope = await StartAsync();
        var ran = scope.ScratchPath("ran");
        scope.Runner.InjectFault(_ => PodFault.ImagePullBackOff);
        await scope.CreateAsync(ShellJob("work", $"touch '{ran}'"));

        var pod = await scope.WaitForPodAsync("work", p => p.Status?.ContainerStatuses?[0].State?.Waiting is not null, "waits");

        Assert.Equal("Pending", pod.Status.Phase);
        var waiting = pod.Status.ContainerStatuses[0].State.Waiting;
        Assert.Equal("ImagePullBackOff", waiting.Reason);
        Assert.Contains($"Back-off pulling image \"{Image}:1.0\"", waiting.Message);
        var job = scope.ReadJob("work");
        Assert.Equal(1, job.Status.Active);
        Assert.Null(job.Status.Conditions);

        await scope.Client.BatchV1.DeleteNamespacedJobAsync("work", Namespace);
        await scope.WaitAsync(() => scope.Pods("work").Count == 0, "the job's pod is removed with it");
        Assert.False(File.Exists(ran), "the pod whose image could not be pulled ran its command");
    }

    [Fact]
    public async Task An_image_pull_backoff_ends_with_DeadlineExceeded_when_the_job_has_a_deadline()
    {
        await using var scope = await StartAsync();
        scope.Runner.InjectFault(_ => PodFault.ImagePullBackOff);
        await scope.CreateAsync(ShellJob("work", "exit 0", j => j.Spec.ActiveDeadlineSeconds = 1));

        var job = await scope.WaitForConditionAsync("work", "Failed");

        Assert.Equal("DeadlineExceeded", job.Status.Conditions.Single(c => c.Type == "Failed").Reason);
        Assert.Equal("Failed", Assert.Single(scope.Pods("work")).Status.Phase);
    }

    [Fact]
    public async Task An_injected_exit_code_ends_the_container_with_it_and_logs_a_line_that_becomes_its_message()
    {
        await using var scope = await StartAsync();
        scope.Runner.InjectFault(a => a.Attempt == 1 ? PodFault.ExitCode(75, "storage unreachable") : null);
        await scope.CreateAsync(ShellJob("work", "echo real run", j => Configure(j, backoffLimit: 1)));

        var job = await scope.WaitForConditionAsync("work", "Complete");

        Assert.Equal(1, job.Status.Failed);
        var failedPod = scope.Pods("work").Single(p => p.Status.Phase == "Failed");
        var terminated = failedPod.Status.ContainerStatuses[0].State.Terminated;
        Assert.Equal(75, terminated.ExitCode);
        Assert.Equal("Error", terminated.Reason);
        Assert.Equal("storage unreachable\n", terminated.Message);
        Assert.Equal("storage unreachable\n", scope.Server.PodLogs.Read(Namespace, failedPod.Metadata.Name));
    }

    [Fact]
    public async Task Killing_running_pods_like_a_node_crash_fails_them_and_counts_towards_the_backoff_limit()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("work", "sleep 60", j => Configure(j, backoffLimit: 1)));
        var killed = new List<string>();

        for (var round = 1; round <= 2; round++)
        {
            var running = await scope.WaitForPodAsync("work", p => IsRunning(p) && !killed.Contains(p.Metadata.Name), $"runs (attempt {round})");
            Assert.Equal(0, scope.Runner.KillRunningPods(a => a.JobName == "other"));
            Assert.Equal(1, scope.Runner.KillRunningPods(a => a.JobName == "work" && a.Attempt == round && a.PodName == running.Metadata.Name));
            killed.Add(running.Metadata.Name);
        }

        var job = await scope.WaitForConditionAsync("work", "Failed");
        Assert.Equal(2, job.Status.Failed);
        Assert.Equal("BackoffLimitExceeded", job.Status.Conditions.Single(c => c.Type == "Failed").Reason);
        Assert.All(scope.Pods("work"), p => Assert.Equal(137, p.Status.ContainerStatuses[0].State.Terminated.ExitCode));
    }

    [Fact]
    public async Task A_failed_containers_message_is_the_tail_of_its_log_with_FallbackToLogsOnError_and_absent_without()
    {
        await using var scope = await StartAsync();
        const string script = "i=1; while [ $i -le 100 ]; do echo \"line $i\"; i=$((i+1)); done; exit 2";
        await scope.CreateAsync(ShellJob("fallback", script, j => Configure(j, backoffLimit: 0)));
        await scope.CreateAsync(ShellJob("file", script, j => Configure(j, backoffLimit: 0, messagePolicy: "File")));

        await scope.WaitForConditionAsync("fallback", "Failed");
        await scope.WaitForConditionAsync("file", "Failed");

        // As the kubelet copies the log's last 80 lines, each keeps its newline.
        var expected = string.Concat(Enumerable.Range(21, 80).Select(i => $"line {i}\n"));
        Assert.Equal(expected, Assert.Single(scope.Pods("fallback")).Status.ContainerStatuses[0].State.Terminated.Message);
        Assert.Null(Assert.Single(scope.Pods("file")).Status.ContainerStatuses[0].State.Terminated.Message);
    }

    [Fact]
    public void A_log_tail_longer_than_2048_bytes_keeps_its_last_2048_bytes_starting_on_a_whole_character()
    {
        var line = new string('é', 40); // 80 bytes in UTF-8
        var log = string.Concat(Enumerable.Range(0, 100).Select(i => $"{i:000} {line}\n"));

        var message = TerminationMessage.FromLogTail(log);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(message) <= 2048);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(message) >= 2047);
        Assert.EndsWith($"099 {line}\n", message);
        Assert.DoesNotContain('\uFFFD', message);
    }
}
