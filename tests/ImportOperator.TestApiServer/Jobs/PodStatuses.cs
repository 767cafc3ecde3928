using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>How a container ended, as the kubelet reports it in state.terminated.</summary>
internal sealed record ContainerEnd(int ExitCode, string Reason, string? Message, string? StartedAt, string FinishedAt);

/// <summary>
/// Pod status documents as the scheduler and kubelet write them for a one-container Pod: Pending (unschedulable,
/// or scheduled with a waiting container), Running, and Succeeded or Failed with the container's termination.
/// </summary>
internal sealed class PodStatuses(string containerName, string image)
{
    public const string HostIp = "127.0.0.1";

    /// <summary>No node has room: the scheduler's PodScheduled=False, no container status yet.</summary>
    public JsonObject Unschedulable(string now) => new()
    {
        ["phase"] = "Pending",
        ["conditions"] = new JsonArray(Condition("PodScheduled", "False", now, "Unschedulable", "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")),
    };

    /// <summary>Scheduled, but the container cannot start (ImagePullBackOff, CreateContainerConfigError, ContainerCreating).</summary>
    public JsonObject Waiting(string startTime, string now, string reason, string? message)
    {
        var waiting = new JsonObject { ["reason"] = reason };
        if (message is not null) waiting["message"] = message;
        return Scheduled("Pending", startTime, now, ready: false, ContainerStatus(new JsonObject { ["waiting"] = waiting }, null, ready: false, started: false));
    }

    public JsonObject Running(string startTime, string startedAt, string containerId) =>
        Scheduled("Running", startTime, startedAt, ready: true,
            ContainerStatus(new JsonObject { ["running"] = new JsonObject { ["startedAt"] = startedAt } }, containerId, ready: true, started: true));

    /// <summary>The container has ended: Succeeded for exit code 0, Failed otherwise (restartPolicy Never).</summary>
    public JsonObject Terminated(string startTime, ContainerEnd end, string? containerId)
    {
        var terminated = new JsonObject { ["exitCode"] = end.ExitCode, ["reason"] = end.Reason };
        if (!string.IsNullOrEmpty(end.Message)) terminated["message"] = end.Message;
        if (end.StartedAt is not null) terminated["startedAt"] = end.StartedAt;
        terminated["finishedAt"] = end.FinishedAt;
        if (containerId is not null) terminated["containerID"] = containerId;
        return Scheduled(end.ExitCode == 0 ? "Succeeded" : "Failed", startTime, end.FinishedAt, ready: false,
            ContainerStatus(new JsonObject { ["terminated"] = terminated }, containerId, ready: false, started: false));
    }

    /// <summary>The kubelet's eviction under node pressure: Failed with reason Evicted and DisruptionTarget=True (TerminationByKubelet).</summary>
    public JsonObject Evicted(string startTime, ContainerEnd end, string? containerId, string message)
    {
        var status = Terminated(startTime, end, containerId);
        status["reason"] = "Evicted";
        status["message"] = message;
        ((JsonArray)status["conditions"]!).Insert(0, Condition("DisruptionTarget", "True", end.FinishedAt, "TerminationByKubelet", message));
        return status;
    }

    JsonObject Scheduled(string phase, string startTime, string now, bool ready, JsonObject containerStatus)
    {
        var terminal = phase is "Succeeded" or "Failed";
        var (notReadyReason, notReadyMessage) = phase switch
        {
            "Succeeded" => ("PodCompleted", (string?)null),
            "Failed" => ("PodFailed", null),
            _ => ("ContainersNotReady", $"containers with unready status: [{containerName}]"),
        };
        return new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", terminal ? "False" : "True", now),
                Condition("Initialized", "True", startTime),
                ready ? Condition("Ready", "True", now) : Condition("Ready", "False", now, notReadyReason, notReadyMessage),
                ready ? Condition("ContainersReady", "True", now) : Condition("ContainersReady", "False", now, notReadyReason, notReadyMessage),
                Condition("PodScheduled", "True", startTime)),
            ["hostIP"] = HostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = HostIp }),
            ["podIP"] = HostIp,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = HostIp }),
            ["startTime"] = startTime,
            ["containerStatuses"] = new JsonArray(containerStatus),
        };
    }

    JsonObject ContainerStatus(JsonObject state, string? containerId, bool ready, bool started)
    {
        var status = new JsonObject
        {
            ["name"] = containerName,
            ["image"] = image,
            ["imageID"] = containerId is null ? "" : $"local://{image}",
            ["ready"] = ready,
            ["started"] = started,
            ["restartCount"] = 0,
            ["state"] = state,
            ["lastState"] = new JsonObject(),
        };
        if (containerId is not null) status["containerID"] = containerId;
        return status;
    }

    static JsonObject Condition(string type, string status, string time, string? reason = null, string? message = null)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = time };
        if (reason is not null) condition["reason"] = reason;
        if (message is not null) condition["message"] = message;
        return condition;
    }
}
