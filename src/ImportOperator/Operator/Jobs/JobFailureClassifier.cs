using System.Globalization;
using ImportOperator.Worker;
using k8s.Models;

namespace ImportOperator.Operator.Jobs;

/// <summary>Why processing stopped without results: a one-word reason and a message a user can act on.</summary>
public sealed record ProcessingFailure(string Reason, string Message);

/// <summary>
/// Turns a failed processing Job (and its pods) into words: the deadline, memory, eviction, image pulls, a missing
/// Secret, or the worker's own last message. Also spots pods that can never start, which a Job does not report as
/// failed at all (it keeps waiting), so the import would otherwise sit in RUNNING until its deadline.
/// </summary>
public static class JobFailureClassifier
{
    public const string ProcessingTimeout = "ProcessingTimeout";
    public const string OutOfMemory = "OutOfMemory";
    public const string Evicted = "Evicted";
    public const string ImagePullFailed = "ImagePullFailed";
    public const string WorkerConfigError = "WorkerConfigError";
    public const string WorkerFailed = "WorkerFailed";

    static readonly HashSet<string> ImagePullReasons = new(StringComparer.Ordinal) { "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull" };
    static readonly HashSet<string> ConfigReasons = new(StringComparer.Ordinal) { "CreateContainerConfigError", "CreateContainerError" };

    /// <summary>The failure of a Job whose Failed condition is set.</summary>
    public static ProcessingFailure ForFailedJob(V1Job job, IReadOnlyList<V1Pod> pods)
    {
        var condition = JobVerdict.FailedCondition(job);
        if (condition?.Reason == "DeadlineExceeded")
            return new(ProcessingTimeout,
                $"Processing took longer than {job.Spec?.ActiveDeadlineSeconds?.ToString(CultureInfo.InvariantCulture) ?? "the allowed"} seconds and was stopped; raise settings.processing.timeoutSeconds or split the file.");

        var last = LastFailedPod(pods);
        var container = last?.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == ProcessingJobFactory.ContainerName) ?? last?.Status?.ContainerStatuses?.FirstOrDefault();
        var terminated = container?.State?.Terminated ?? container?.LastState?.Terminated;
        var attempts = job.Status?.Failed ?? pods.Count;

        if (terminated?.Reason == "OOMKilled")
            return new(OutOfMemory,
                $"The processing container ran out of memory{LimitText(job)} and was killed ({Attempts(attempts)}); raise settings.processing.resources.limits.memory.");
        if (last?.Status?.Reason == "Evicted" || last?.Status?.Conditions?.Any(c => c.Type == "DisruptionTarget" && c.Status == "True") == true)
            return new(Evicted,
                $"The processing pod was evicted from its node ({Attempts(attempts)}): {Clean(last?.Status?.Message) ?? "no message from the node"}.");

        var detail = Clean(terminated?.Message);
        if (terminated?.ExitCode == WorkerExitCodes.Permanent || condition?.Reason == "PodFailurePolicy")
            return new(WorkerFailed, $"The worker could not process the import: {detail ?? Clean(condition?.Message) ?? "no message"}.");
        var exit = terminated is null ? "" : $" (last exit code {terminated.ExitCode.ToString(CultureInfo.InvariantCulture)})";
        return new(WorkerFailed, $"Processing failed {Attempts(attempts)}{exit}: {detail ?? Clean(condition?.Message) ?? "no message"}.");
    }

    /// <summary>A problem that keeps a pod from ever starting, once it has lasted longer than <paramref name="grace"/>; else null.</summary>
    public static ProcessingFailure? ForStuckPods(IReadOnlyList<V1Pod> pods, DateTime now, TimeSpan grace)
    {
        foreach (var pod in pods)
        {
            if (pod.Status?.Phase is not ("Pending" or null)) continue;
            var created = pod.Metadata.CreationTimestamp ?? now;
            if (now - created < grace) continue;
            foreach (var status in pod.Status?.ContainerStatuses ?? [])
            {
                var waiting = status.State?.Waiting;
                if (waiting?.Reason is null) continue;
                if (ImagePullReasons.Contains(waiting.Reason))
                    return new(ImagePullFailed, $"The node could not pull the worker image {status.Image}: {Clean(waiting.Message) ?? waiting.Reason}. Check Worker:Image and the registry's pull secret.");
                if (ConfigReasons.Contains(waiting.Reason))
                    return new(WorkerConfigError, $"The processing container could not be created: {Clean(waiting.Message) ?? waiting.Reason}. Check that the worker's service account and storage Secret exist in namespace {pod.Metadata.NamespaceProperty}.");
            }
        }
        return null;
    }

    // Creation timestamps have one-second resolution: retries within a second tie, and the end time breaks the tie.
    static V1Pod? LastFailedPod(IReadOnlyList<V1Pod> pods) =>
        pods.Where(p => p.Status?.Phase == "Failed").OrderBy(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(FinishedAt).LastOrDefault()
        ?? pods.OrderBy(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue).ThenBy(FinishedAt).LastOrDefault();

    static DateTime FinishedAt(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.Select(c => c.State?.Terminated?.FinishedAt ?? c.LastState?.Terminated?.FinishedAt).Max() ?? DateTime.MinValue;

    static string LimitText(V1Job job)
    {
        var limits = job.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Resources?.Limits;
        return limits is not null && limits.TryGetValue("memory", out var memory) ? $" (limit {memory})" : "";
    }

    static string Attempts(int n) => n == 1 ? "1 attempt" : $"{n.ToString(CultureInfo.InvariantCulture)} attempts";

    // Termination messages are log tails: keep the last meaningful line, short enough for a status message.
    static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = lines.Length == 0 ? text.Trim() : lines[^1];
        line = line.TrimEnd('.');
        return line.Length > 500 ? line[..500] + "…" : line;
    }
}
