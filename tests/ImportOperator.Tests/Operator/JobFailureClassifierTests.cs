using ImportOperator.Operator.Jobs;
using k8s.Models;

namespace ImportOperator.Tests.Operator;

public sealed class JobFailureClassifierTests
{
    static V1Job FailedJob(string reason, string message = "", long? deadline = 600) => new()
    {
        Metadata = new V1ObjectMeta { Name = "j", NamespaceProperty = "crm" },
        Spec = new V1JobSpec
        {
            ActiveDeadlineSeconds = deadline,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "worker", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi") } } }] },
            },
        },
        Status = new V1JobStatus { Failed = 2, Conditions = [new V1JobCondition { Type = "Failed", Status = "True", Reason = reason, Message = message }] },
    };

    static V1Pod Pod(string phase, V1ContainerState? state = null, string? reason = null, string? message = null, DateTime? created = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "j-abcde", NamespaceProperty = "crm", CreationTimestamp = created ?? DateTime.UtcNow },
        Status = new V1PodStatus
        {
            Phase = phase, Reason = reason, Message = message,
            ContainerStatuses = state is null ? null : [new V1ContainerStatus { Name = "worker", Image = "registry/import-operator:1", State = state }],
        },
    };

    [Fact]
    public void A_deadline_is_reported_as_a_processing_timeout_with_the_setting_to_raise()
    {
        var failure = JobFailureClassifier.ForFailedJob(FailedJob("DeadlineExceeded"), []);

        Assert.Equal("ProcessingTimeout", failure.Reason);
        Assert.Contains("600 seconds", failure.Message);
        Assert.Contains("settings.processing.timeoutSeconds", failure.Message);
    }

    [Fact]
    public void An_oom_kill_names_the_memory_limit()
    {
        var pod = Pod("Failed", new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = "OOMKilled" } });

        var failure = JobFailureClassifier.ForFailedJob(FailedJob("BackoffLimitExceeded"), [pod]);

        Assert.Equal("OutOfMemory", failure.Reason);
        Assert.Contains("512Mi", failure.Message);
        Assert.Contains("2 attempts", failure.Message);
    }

    [Fact]
    public void An_eviction_carries_the_node_s_words()
    {
        var pod = Pod("Failed", reason: "Evicted", message: "The node was low on resource: memory.");

        var failure = JobFailureClassifier.ForFailedJob(FailedJob("BackoffLimitExceeded"), [pod]);

        Assert.Equal("Evicted", failure.Reason);
        Assert.Contains("low on resource: memory", failure.Message);
    }

    [Fact]
    public void The_worker_s_permanent_failure_shows_its_last_log_line()
    {
        var pod = Pod("Failed", new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 3, Reason = "Error", Message = "reading request\nNo stored object has the key 'crm/x/y/request.json'.\n" } });

        var failure = JobFailureClassifier.ForFailedJob(FailedJob("PodFailurePolicy"), [pod]);

        Assert.Equal("WorkerFailed", failure.Reason);
        Assert.Contains("No stored object has the key 'crm/x/y/request.json'", failure.Message);
        Assert.DoesNotContain("reading request", failure.Message);
    }

    [Fact]
    public void An_image_that_cannot_be_pulled_fails_once_the_grace_period_is_over()
    {
        var waiting = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image" } };
        var now = DateTime.UtcNow;

        Assert.Null(JobFailureClassifier.ForStuckPods([Pod("Pending", waiting, created: now.AddSeconds(-10))], now, TimeSpan.FromMinutes(3)));
        var failure = JobFailureClassifier.ForStuckPods([Pod("Pending", waiting, created: now.AddMinutes(-4))], now, TimeSpan.FromMinutes(3));

        Assert.Equal("ImagePullFailed", failure!.Reason);
        Assert.Contains("registry/import-operator:1", failure.Message);
    }

    [Fact]
    public void A_missing_secret_is_reported_as_a_worker_configuration_error()
    {
        var waiting = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CreateContainerConfigError", Message = "secret \"import-operator-storage\" not found" } };

        var failure = JobFailureClassifier.ForStuckPods([Pod("Pending", waiting, created: DateTime.UtcNow.AddMinutes(-5))], DateTime.UtcNow, TimeSpan.FromMinutes(3));

        Assert.Equal("WorkerConfigError", failure!.Reason);
        Assert.Contains("import-operator-storage", failure.Message);
    }
}
