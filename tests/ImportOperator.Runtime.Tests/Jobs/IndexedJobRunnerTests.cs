using System.Text.RegularExpressions;
using k8s.Models;
using static ImportOperator.Runtime.Tests.Jobs.JobRunnerScope;

namespace ImportOperator.Runtime.Tests.Jobs;

/// <summary>
/// Indexed Jobs (completionMode Indexed) in the local Job runner, as a split import's chunks Job uses them: one Pod
/// per index with JOB_COMPLETION_INDEX, at most parallelism at once, per-index retries, and the status the Job
/// controller writes (succeeded, completedIndexes, failedIndexes, the failure's reason).
/// </summary>
public sealed class IndexedJobRunnerTests
{
    static void Indexed(V1Job job, int completions, int parallelism)
    {
        job.Spec.CompletionMode = "Indexed";
        job.Spec.Completions = completions;
        job.Spec.Parallelism = parallelism;
    }

    [Fact]
    public async Task Every_index_runs_once_with_its_index_in_the_environment_name_and_annotation_and_the_job_completes()
    {
        await using var scope = await StartAsync(maxConcurrentPods: 4);
        var folder = scope.ScratchPath("indexes");
        Directory.CreateDirectory(folder);
        await scope.CreateAsync(ShellJob("chunks", $"touch '{folder}'/done-$JOB_COMPLETION_INDEX", j => Indexed(j, completions: 5, parallelism: 2)));

        var job = await scope.WaitForConditionAsync("chunks", "Complete");

        Assert.Equal(5, job.Status.Succeeded);
        Assert.Equal("0-4", job.Status.CompletedIndexes);
        Assert.Null(job.Status.Failed);
        Assert.Equal(["done-0", "done-1", "done-2", "done-3", "done-4"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var pods = scope.Pods("chunks");
        Assert.Equal(5, pods.Count);
        foreach (var pod in pods)
        {
            var index = pod.Metadata.Annotations["batch.kubernetes.io/job-completion-index"];
            Assert.Matches(new Regex($"^chunks-{index}-[a-z0-9]{{5}}$"), pod.Metadata.Name);
            Assert.Equal(index, pod.Metadata.Labels["batch.kubernetes.io/job-completion-index"]);
            Assert.Equal("Succeeded", pod.Status.Phase);
        }
        Assert.Equal(["0", "1", "2", "3", "4"], pods.Select(p => p.Metadata.Annotations["batch.kubernetes.io/job-completion-index"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task No_more_than_parallelism_pods_of_the_job_run_at_once()
    {
        await using var scope = await StartAsync(maxConcurrentPods: 8);
        var release = scope.ScratchPath("release");
        await scope.CreateAsync(ShellJob("chunks", $"while [ ! -f '{release}' ]; do sleep 0.05; done", j => Indexed(j, completions: 5, parallelism: 2)));

        await scope.WaitAsync(() => scope.Runner.RunningPodCount == 2, "two pods run");
        await Task.Delay(500); // a third would have started by now if parallelism were not held
        Assert.Equal(2, scope.Runner.RunningPodCount);
        Assert.Equal(2, scope.ReadJob("chunks").Status.Active);

        File.WriteAllText(release, "");
        var job = await scope.WaitForConditionAsync("chunks", "Complete");
        Assert.Equal(5, job.Status.Succeeded);
        Assert.Equal(2, scope.Runner.PeakRunningPodCount);
    }

    [Fact]
    public async Task An_index_that_fails_past_its_own_retries_fails_the_job_with_max_failed_indexes_exceeded()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("chunks", "if [ \"$JOB_COMPLETION_INDEX\" = 2 ]; then echo 'chunk 2 broke'; exit 1; fi", j =>
        {
            Indexed(j, completions: 3, parallelism: 1);
            j.Spec.BackoffLimitPerIndex = 1;
            j.Spec.MaxFailedIndexes = 0;
        }));

        var job = await scope.WaitForConditionAsync("chunks", "Failed");

        Assert.Equal("MaxFailedIndexesExceeded", job.Status.Conditions.Last().Reason);
        Assert.Equal("0-1", job.Status.CompletedIndexes);
        Assert.Equal("2", job.Status.FailedIndexes);
        Assert.Equal(2, job.Status.Failed); // the first try and its one retry
        Assert.Equal(2, scope.Pods("chunks").Count(p => p.Metadata.Annotations["batch.kubernetes.io/job-completion-index"] == "2"));
    }

    [Fact]
    public async Task A_pod_failure_policy_fail_job_rule_ends_the_whole_job_at_once()
    {
        await using var scope = await StartAsync();
        await scope.CreateAsync(ShellJob("chunks", "if [ \"$JOB_COMPLETION_INDEX\" = 0 ]; then exit 3; fi; sleep 30", j =>
        {
            Indexed(j, completions: 2, parallelism: 2);
            j.Spec.BackoffLimitPerIndex = 3;
            j.Spec.PodFailurePolicy = new V1PodFailurePolicy
            {
                Rules = [new V1PodFailurePolicyRule { Action = "FailJob", OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement { ContainerName = "worker", OperatorProperty = "In", Values = [3] } }],
            };
        }));

        var job = await scope.WaitForConditionAsync("chunks", "Failed");

        Assert.Equal("PodFailurePolicy", job.Status.Conditions.Last().Reason);
        Assert.Equal(1, job.Status.Failed);
        await scope.WaitAsync(() => scope.Runner.RunningPodCount == 0, "the other index's pod is stopped");
    }
}
