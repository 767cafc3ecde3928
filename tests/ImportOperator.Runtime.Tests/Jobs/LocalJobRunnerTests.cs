using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using static ImportOperator.Runtime.Tests.Jobs.JobRunnerScope;

namespace ImportOperator.Runtime.Tests.Jobs;

/// <summary>
/// Jobs with the runner's image run as local processes, and their Jobs and Pods show what the Job controller and
/// the kubelet would write: retries up to backoffLimit, podFailurePolicy, activeDeadlineSeconds, capacity, deletion.
/// </summary>
public sealed class LocalJobRunnerTests
{
    [Fact]
    public async Task A_job_that_exits_zero_completes_with_one_pod_labelled_and_logged_like_the_kubelet_would()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("work", "echo \"hello $GREETING from $HOSTNAME\"; exit 0",
            j => j.Spec.Template.Spec.Containers[0].Env = [new V1EnvVar { Name = "GREETING", Value = "world" }]));

        var job = await scope.WaitForConditionAsync("work", "Complete");

        Assert.Equal(["SuccessCriteriaMet", "Complete"], job.Status.Conditions.Select(c => c.Type));
        Assert.All(job.Status.Conditions, c => Assert.Equal("CompletionsReached", c.Reason));
        Assert.Equal(1, job.Status.Succeeded);
        Assert.Null(job.Status.Failed);
        Assert.Null(job.Status.Active);
        Assert.NotNull(job.Status.StartTime);
        Assert.NotNull(job.Status.CompletionTime);
        var pod = Assert.Single(scope.Pods("work"));
        Assert.Matches(new Regex("^work-[a-z0-9]{5}$"), pod.Metadata.Name);
        Assert.Equal("work", pod.Metadata.Labels["job-name"]);
        Assert.Equal("work", pod.Metadata.Labels["batch.kubernetes.io/job-name"]);
        Assert.Equal("work", pod.Metadata.Labels["importoperator.io/import"]);
        Assert.Equal(job.Metadata.Uid, Assert.Single(pod.Metadata.OwnerReferences).Uid);
        Assert.Equal("Succeeded", pod.Status.Phase);
        Assert.NotNull(pod.Status.StartTime);
        var container = Assert.Single(pod.Status.ContainerStatuses);
        Assert.Equal("worker", container.Name);
        Assert.Equal(Image + ":1.0", container.Image);
        Assert.Equal(0, container.RestartCount);
        Assert.Equal(0, container.State.Terminated.ExitCode);
        Assert.Equal("Completed", container.State.Terminated.Reason);
        Assert.NotNull(container.State.Terminated.StartedAt);
        Assert.NotNull(container.State.Terminated.FinishedAt);
        Assert.Equal($"hello world from {pod.Metadata.Name}\n", scope.Server.PodLogs.Read(Namespace, pod.Metadata.Name));
    }

    [Fact]
    public async Task A_running_pod_shows_its_running_container_and_the_job_counts_it_active_and_ready()
    {
        await using var scope = await StartAsync();
        var release = scope.ScratchPath("release");
        await scope.CreateAsync(ShellJob("work", $"while [ ! -f '{release}' ]; do sleep 0.05; done"));

        var pod = await scope.WaitForPodAsync("work", IsRunning, "runs");
        var container = Assert.Single(pod.Status.ContainerStatuses);
        Assert.NotNull(container.State.Running.StartedAt);
        Assert.Null(container.State.Terminated);
        Assert.True(container.Ready);
        await scope.WaitAsync(() => scope.ReadJob("work").Status is { Active: 1, Ready: 1 }, "the job counts its pod active and ready");

        File.WriteAllText(release, "");
        await scope.WaitForConditionAsync("work", "Complete");
    }

    [Fact]
    public async Task Failed_pods_are_replaced_until_failures_exceed_the_backoff_limit_then_the_job_fails()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("work", "echo trying; exit 1", j => j.Spec.BackoffLimit = 2));

        var job = await scope.WaitForConditionAsync("work", "Failed");

        Assert.Equal(3, job.Status.Failed);
        Assert.Null(job.Status.Active);
        Assert.Equal(["FailureTarget", "Failed"], job.Status.Conditions.Select(c => c.Type));
        Assert.All(job.Status.Conditions, c => Assert.Equal("BackoffLimitExceeded", c.Reason));
        Assert.Equal("Job has reached the specified backoff limit", job.Status.Conditions[1].Message);
        var pods = scope.Pods("work");
        Assert.Equal(3, pods.Count);
        Assert.Equal(3, pods.Select(p => p.Metadata.Name).Distinct().Count());
        Assert.All(pods, p => Assert.Equal("Failed", p.Status.Phase));
        Assert.All(pods, p => Assert.Equal(1, p.Status.ContainerStatuses[0].State.Terminated.ExitCode));
        Assert.All(pods, p => Assert.Equal("Error", p.Status.ContainerStatuses[0].State.Terminated.Reason));
    }

    [Fact]
    public async Task A_job_without_a_backoff_limit_is_tried_seven_times_as_the_kubernetes_default_of_six_retries()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("work", "exit 1"));

        var job = await scope.WaitForConditionAsync("work", "Failed");

        Assert.Equal(7, job.Status.Failed);
        Assert.Equal(7, scope.Pods("work").Count);
    }

    [Fact]
    public async Task A_FailJob_exit_code_rule_fails_the_job_at_once_with_the_controllers_message()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("work", "exit 3", j =>
        {
            j.Spec.BackoffLimit = 6;
            j.Spec.PodFailurePolicy = new V1PodFailurePolicy
            {
                Rules =
                [
                    new V1PodFailurePolicyRule { Action = "FailJob", OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement { ContainerName = "worker", OperatorProperty = "In", Values = [3] } },
                    new V1PodFailurePolicyRule { Action = "Ignore", OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement { OperatorProperty = "NotIn", Values = [0] } },
                ],
            };
        }));

        var job = await scope.WaitForConditionAsync("work", "Failed");

        var pod = Assert.Single(scope.Pods("work"));
        Assert.Equal(1, job.Status.Failed);
        var failed = job.Status.Conditions.Single(c => c.Type == "Failed");
        Assert.Equal("PodFailurePolicy", failed.Reason);
        Assert.Equal($"Container worker for pod default/{pod.Metadata.Name} failed with exit code 3 matching FailJob rule at index 0", failed.Message);
        Assert.Contains(job.Status.Conditions, c => c.Type == "FailureTarget" && c.Reason == "PodFailurePolicy");
    }

    [Fact]
    public async Task An_Ignore_rule_replaces_the_pod_without_counting_the_failure()
    {
        await using var scope = await StartAsync();
        var marker = scope.ScratchPath("tried");
        // Transient on the first try (exit 75), fine on the second; with backoffLimit 0 only an ignored failure can be retried.
        await scope.CreateAsync(ShellJob("work", $"if [ -f '{marker}' ]; then exit 0; fi; touch '{marker}'; exit 75", j =>
        {
            j.Spec.BackoffLimit = 0;
            j.Spec.PodFailurePolicy = new V1PodFailurePolicy
            {
                Rules =
                [
                    new V1PodFailurePolicyRule { Action = "FailJob", OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement { OperatorProperty = "In", Values = [3] } },
                    new V1PodFailurePolicyRule { Action = "Ignore", OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement { OperatorProperty = "In", Values = [75] } },
                ],
            };
        }));

        var job = await scope.WaitForConditionAsync("work", "Complete");

        Assert.Null(job.Status.Failed);
        Assert.Equal(1, job.Status.Succeeded);
        Assert.Equal(["Failed", "Succeeded"], scope.Pods("work").Select(p => p.Status.Phase).Order());
    }

    [Fact]
    public async Task A_job_past_its_active_deadline_has_its_process_killed_and_fails_with_DeadlineExceeded()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("work", "echo started; sleep 60", j => { j.Spec.ActiveDeadlineSeconds = 1; j.Spec.BackoffLimit = 6; }));
        await scope.WaitForPodAsync("work", IsRunning, "runs");

        var job = await scope.WaitForConditionAsync("work", "Failed");

        var failed = job.Status.Conditions.Single(c => c.Type == "Failed");
        Assert.Equal("DeadlineExceeded", failed.Reason);
        Assert.Equal("Job was active longer than specified deadline", failed.Message);
        Assert.Equal(1, job.Status.Failed);
        Assert.Null(job.Status.Active);
        var pod = Assert.Single(scope.Pods("work"));
        Assert.Equal("Failed", pod.Status.Phase);
        Assert.Equal(137, pod.Status.ContainerStatuses[0].State.Terminated.ExitCode);
        Assert.Equal(0, scope.Runner.RunningPodCount);
    }

    [Fact]
    public async Task Beyond_the_pod_capacity_a_pod_waits_pending_until_a_running_one_finishes()
    {
        await using var scope = await StartAsync(maxConcurrentPods: 1);
        var release = scope.ScratchPath("release");
        await scope.CreateAsync(ShellJob("first", $"while [ ! -f '{release}' ]; do sleep 0.05; done"));
        await scope.WaitForPodAsync("first", IsRunning, "runs");
        await scope.CreateAsync(ShellJob("second", "echo second ran"));

        var waiting = await scope.WaitForPodAsync("second", p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False") == true, "is unschedulable");
        Assert.Equal("Pending", waiting.Status.Phase);
        Assert.Equal("Unschedulable", waiting.Status.Conditions.Single(c => c.Type == "PodScheduled").Reason);
        Assert.Equal(1, scope.ReadJob("second").Status.Active);
        Assert.Equal("", scope.Server.PodLogs.Read(Namespace, waiting.Metadata.Name));

        File.WriteAllText(release, "");
        await scope.WaitForConditionAsync("first", "Complete");
        await scope.WaitForConditionAsync("second", "Complete");
        Assert.Equal("second ran\n", scope.Server.PodLogs.Read(Namespace, waiting.Metadata.Name));
        Assert.Equal(1, scope.Runner.PeakRunningPodCount);
    }

    [Fact]
    public async Task A_burst_of_jobs_all_complete_without_ever_running_more_processes_than_the_capacity()
    {
        await using var scope = await StartAsync(maxConcurrentPods: 2);
        var names = Enumerable.Range(1, 30).Select(i => $"burst-{i}").ToList();
        await Task.WhenAll(names.Select(n => scope.CreateAsync(ShellJob(n, "sleep 0.1"))));

        foreach (var name in names) await scope.WaitForConditionAsync(name, "Complete");

        Assert.InRange(scope.Runner.PeakRunningPodCount, 1, 2);
        Assert.All(names, n => Assert.Equal("Succeeded", Assert.Single(scope.Pods(n)).Status.Phase));
    }

    [Fact]
    public async Task Deleting_a_running_jobs_owner_collects_the_job_kills_its_process_and_removes_its_pods()
    {
        await using var scope = await StartAsync();
        var owner = await scope.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, Namespace);
        var survived = scope.ScratchPath("survived");
        await scope.CreateAsync(ShellJob("work", $"sleep 2; touch '{survived}'", j => j.Metadata.OwnerReferences =
            [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, Controller = true }]));
        await scope.WaitForPodAsync("work", IsRunning, "runs");

        await scope.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", Namespace);

        await scope.WaitAsync(() => scope.Runner.RunningPodCount == 0, "the job's process is killed");
        Assert.Empty(scope.Client.BatchV1.ListNamespacedJob(Namespace).Items);
        Assert.Empty(scope.Pods("work"));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(File.Exists(survived), "the killed process went on to finish its work");
    }

    [Fact]
    public async Task A_running_pod_deleted_by_someone_is_counted_as_failed_and_replaced()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("work", "sleep 60", j => j.Spec.BackoffLimit = 1));
        var first = await scope.WaitForPodAsync("work", IsRunning, "runs");

        await scope.Client.CoreV1.DeleteNamespacedPodAsync(first.Metadata.Name, Namespace);

        var replacement = await scope.WaitForPodAsync("work", p => IsRunning(p) && p.Metadata.Name != first.Metadata.Name, "replaces the deleted one");
        await scope.WaitAsync(() => scope.ReadJob("work").Status is { Failed: 1, Active: 1 }, "the job counts the deleted pod as failed");
        Assert.Equal(1, scope.Runner.RunningPodCount);
        Assert.Equal([replacement.Metadata.Name], scope.Pods("work").Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task A_missing_secret_keeps_the_pod_pending_with_CreateContainerConfigError_until_it_exists()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("work", "echo \"$GREETING from $POD in $(POD_NAMESPACE)\"", j => j.Spec.Template.Spec.Containers[0].Env =
        [
            new V1EnvVar { Name = "POD", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            new V1EnvVar { Name = "POD_NAMESPACE", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
            new V1EnvVar { Name = "GREETING", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "words", Key = "greeting" } } },
        ]));

        var pending = await scope.WaitForPodAsync("work", p => p.Status?.ContainerStatuses?[0].State?.Waiting?.Reason == "CreateContainerConfigError", "cannot start");
        Assert.Equal("Pending", pending.Status.Phase);
        Assert.Equal("secret \"words\" not found", pending.Status.ContainerStatuses[0].State.Waiting.Message);

        await scope.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "words" },
            Data = new Dictionary<string, byte[]> { ["greeting"] = "hi"u8.ToArray() },
        }, Namespace);
        await scope.WaitForConditionAsync("work", "Complete");
        Assert.Equal($"hi from {pending.Metadata.Name} in default\n", scope.Server.PodLogs.Read(Namespace, pending.Metadata.Name));
    }
}
