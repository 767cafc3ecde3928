using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;
using static ImportOperator.TestApiServer.Jobs.JsonRead;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>
/// One Pod of a Job from creation to its end, playing scheduler and kubelet: waits for a free slot (Pending,
/// Unschedulable), resolves the container's environment, runs the command as a local process (or plays an
/// injected fault instead), and writes the Pod's status at each step.
/// </summary>
internal sealed class PodRun
{
    const string EvictionMessage = "The node was low on resource: memory.";
    static readonly TimeSpan ConfigRetryInterval = TimeSpan.FromSeconds(1);

    readonly LocalJobRunner _runner;
    readonly JsonObject _job;
    readonly JsonObject _container;
    readonly int _attemptNumber;
    readonly string _ns;
    readonly string _containerName;
    readonly string _image;
    readonly PodStatuses _statuses;
    JsonObject _pod = null!;
    string _podName = "";
    string? _startTime;

    public PodRun(LocalJobRunner runner, JsonObject job, JsonObject container, int attemptNumber)
    {
        _runner = runner;
        _job = job;
        _container = container;
        _attemptNumber = attemptNumber;
        _ns = Str(job["metadata"]?["namespace"])!;
        _containerName = Str(container["name"]) ?? "";
        _image = Str(container["image"]) ?? "";
        _statuses = new PodStatuses(_containerName, _image);
    }

    /// <summary>The annotation (and label) the Job controller puts on an Indexed Job's Pods; JOB_COMPLETION_INDEX reads it.</summary>
    public const string CompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index";

    /// <summary>The Pod's index in an Indexed Job; null for other Jobs.</summary>
    public int? CompletionIndex { get; init; }

    /// <summary>Raised once the Pod exists (the Job is then active).</summary>
    public Action? Created { get; init; }

    /// <summary>Raised when the container starts running (the Job then counts it as ready).</summary>
    public Action? BecameReady { get; init; }

    /// <param name="deadline">Cancelled when the Job's activeDeadlineSeconds has passed: the Pod is killed and fails.</param>
    /// <param name="gone">Cancelled when the Job is deleted or the runner stops: the process is killed, nothing more is written.</param>
    public async Task<PodOutcome> RunAsync(CancellationToken deadline, CancellationToken gone)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(deadline, gone);
        CreatePod();
        Created?.Invoke();
        var holdsSlot = false;
        try
        {
            var fault = ChooseFault();
            if (fault is not PodFault.ImagePullBackOffFault)
            {
                // A Pod stuck pulling its image runs nothing, so it takes no slot; everything else waits its turn.
                holdsSlot = _runner.Capacity.Wait(0);
                if (!holdsSlot)
                {
                    WriteStatus(_statuses.Unschedulable(Now()));
                    await _runner.Capacity.WaitAsync(ending.Token);
                    holdsSlot = true;
                }
            }
            _startTime = Now();
            switch (fault)
            {
                case PodFault.ImagePullBackOffFault:
                    WriteStatus(_statuses.Waiting(_startTime, Now(), "ImagePullBackOff", $"Back-off pulling image \"{_image}\": ErrImagePull: failed to pull and unpack image \"{_image}\": not found"));
                    await Task.Delay(Timeout.Infinite, ending.Token);
                    throw new OperationCanceledException(ending.Token);
                case PodFault.OomKilledFault:
                {
                    var startedAt = Running(InjectedContainerId);
                    return Ended(new ContainerEnd(137, "OOMKilled", FallbackMessage(137), startedAt, Now()), InjectedContainerId);
                }
                case PodFault.EvictedFault:
                {
                    var startedAt = Running(InjectedContainerId);
                    var end = new ContainerEnd(137, "Error", FallbackMessage(137), startedAt, Now());
                    return new PodOutcome(PodEnd.Failed, WriteStatus(_statuses.Evicted(_startTime, end, InjectedContainerId, EvictionMessage)));
                }
                case PodFault.ExitCodeFault exit:
                {
                    var startedAt = Running(InjectedContainerId);
                    _runner.Logs.Append(_ns, _podName, exit.LogLine);
                    return Ended(new ContainerEnd(exit.Code, ReasonFor(exit.Code), FallbackMessage(exit.Code), startedAt, Now()), InjectedContainerId);
                }
                case PodFault.FaultChooserError error:
                    return Ended(new ContainerEnd(128, "StartError", error.Message, null, Now()), null);
                default:
                    return await RunProcessAsync(gone, ending.Token);
            }
        }
        catch (OperationCanceledException) when (gone.IsCancellationRequested)
        {
            return Gone();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Killed before its container ran (Pending, or waiting for its image): the kubelet knows no exit of its own.
            var end = new ContainerEnd(137, "ContainerStatusUnknown", "The container could not be located when the pod was terminated", null, Now());
            return new PodOutcome(PodEnd.DeadlineExceeded, WriteStatus(_statuses.Terminated(_startTime ?? Now(), end, null)));
        }
        finally
        {
            if (holdsSlot) _runner.Capacity.Release();
        }
    }

    async Task<PodOutcome> RunProcessAsync(CancellationToken gone, CancellationToken ending)
    {
        var environment = new ContainerEnvironment(_runner.Store);
        ResolvedContainer resolved;
        while (true)
        {
            var (container, configError) = environment.Resolve(_pod, _container);
            if (container is not null) { resolved = container; break; }
            // As the kubelet: the Pod stays Pending and is retried until the Secret or ConfigMap appears.
            WriteStatus(_statuses.Waiting(_startTime!, Now(), "CreateContainerConfigError", configError));
            await Task.Delay(ConfigRetryInterval, ending);
        }

        Process process;
        try { process = Process.Start(StartInfo(resolved))!; }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            _runner.Logs.Append(_ns, _podName, $"failed to start: {e.Message}");
            return Ended(new ContainerEnd(128, "StartError", $"failed to create containerd task: failed to start {_runner.Options.Executable}: {e.Message}", null, Now()), null);
        }
        using (process)
        {
            process.StandardInput.Close(); // A container has no stdin unless it asks for one.
            var containerId = $"local://{process.Id.ToString(CultureInfo.InvariantCulture)}";
            var running = new RunningPod(new JobAttempt(_ns, JobName, JobLabels, _attemptNumber, _podName, CompletionIndex), process);
            _runner.Register(running);
            string startedAt;
            var killedAtDeadline = false;
            try
            {
                process.OutputDataReceived += (_, line) => { if (line.Data is not null) _runner.Logs.Append(_ns, _podName, line.Data); };
                process.ErrorDataReceived += (_, line) => { if (line.Data is not null) _runner.Logs.Append(_ns, _podName, line.Data); };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                startedAt = Running(containerId);
                try { await process.WaitForExitAsync(ending); }
                catch (OperationCanceledException)
                {
                    killedAtDeadline = !gone.IsCancellationRequested;
                    RunningPod.KillTree(process);
                    using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    try { await process.WaitForExitAsync(grace.Token); } catch (OperationCanceledException) { }
                }
            }
            finally { _runner.Unregister(running); }

            if (gone.IsCancellationRequested) return Gone();
            if (killedAtDeadline)
            {
                var end = new ContainerEnd(137, "Error", FallbackMessage(137), startedAt, Now());
                return new PodOutcome(PodEnd.DeadlineExceeded, WriteStatus(_statuses.Terminated(_startTime!, end, containerId)));
            }
            var exitCode = running.KilledByNode || !process.HasExited ? 137 : process.ExitCode;
            return Ended(new ContainerEnd(exitCode, ReasonFor(exitCode), FallbackMessage(exitCode), startedAt, Now()), containerId);
        }
    }

    ProcessStartInfo StartInfo(ResolvedContainer container)
    {
        var options = _runner.Options;
        var start = new ProcessStartInfo(options.Executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in options.LeadingArguments) start.ArgumentList.Add(a);
        var command = container.Command;
        if (options.DropEntrypoint && command.Count > 0) command = command[1..];
        foreach (var a in command) start.ArgumentList.Add(a);
        foreach (var a in container.Args) start.ArgumentList.Add(a);
        foreach (var (k, v) in options.Environment) start.Environment[k] = v;
        start.Environment["HOSTNAME"] = _podName; // A container's hostname is its Pod's name.
        foreach (var (k, v) in container.Environment) start.Environment[k] = v;
        // The Job controller adds JOB_COMPLETION_INDEX (from the Pod's annotation) to every container of an Indexed Job.
        if (CompletionIndex is { } index) start.Environment["JOB_COMPLETION_INDEX"] = index.ToString(CultureInfo.InvariantCulture);
        return start;
    }

    string JobName => Str(_job["metadata"]!["name"])!;

    /// <summary>The containerID shown for a container whose run an injected fault plays.</summary>
    string InjectedContainerId => $"local://injected/{_podName}";

    IReadOnlyDictionary<string, string> JobLabels => StringMap(_job["metadata"]?["labels"]);

    PodFault? ChooseFault()
    {
        var chooser = _runner.FaultChooser;
        if (chooser is null) return null;
        try { return chooser(new JobAttempt(_ns, JobName, JobLabels, _attemptNumber, _podName, CompletionIndex)); }
        catch (Exception e) { return new PodFault.FaultChooserError($"the test's fault chooser threw {e.GetType().Name}: {e.Message}"); }
    }

    void CreatePod()
    {
        var template = _job["spec"]?["template"];
        var labels = template?["metadata"]?["labels"]?.DeepClone() as JsonObject ?? new JsonObject();
        var uid = Str(_job["metadata"]!["uid"])!;
        labels["batch.kubernetes.io/controller-uid"] = uid;
        labels["batch.kubernetes.io/job-name"] = JobName;
        labels["controller-uid"] = uid;
        labels["job-name"] = JobName;
        var index = CompletionIndex?.ToString(CultureInfo.InvariantCulture);
        if (index is not null) labels[CompletionIndexAnnotation] = index;
        var metadata = new JsonObject
        {
            // An Indexed Job's Pods carry their index in their name, as the Job controller names them.
            ["generateName"] = index is null ? JobName + "-" : $"{JobName}-{index}-",
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = JobName, ["uid"] = uid, ["controller"] = true, ["blockOwnerDeletion"] = true,
            }),
        };
        if (template?["metadata"]?["annotations"] is JsonObject annotations) metadata["annotations"] = annotations.DeepClone();
        if (index is not null)
        {
            var podAnnotations = metadata["annotations"] as JsonObject ?? new JsonObject();
            podAnnotations[CompletionIndexAnnotation] = index;
            metadata["annotations"] = podAnnotations;
        }
        var spec = template?["spec"]?.DeepClone() as JsonObject ?? new JsonObject();
        if (index is not null && spec["containers"] is JsonArray containers)
            foreach (var container in containers.OfType<JsonObject>())
            {
                var env = container["env"] as JsonArray ?? new JsonArray();
                env.Add(new JsonObject
                {
                    ["name"] = "JOB_COMPLETION_INDEX",
                    ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = $"metadata.annotations['{CompletionIndexAnnotation}']" } },
                });
                container["env"] = env;
            }
        spec["nodeName"] = LocalJobRunner.NodeName;
        _pod = _runner.Store.Create(_runner.PodType, _ns, new JsonObject { ["metadata"] = metadata, ["spec"] = spec });
        _podName = Str(_pod["metadata"]!["name"])!;
    }

    /// <summary>Writes the Running status and returns the container's start time.</summary>
    string Running(string containerId)
    {
        var startedAt = Now();
        WriteStatus(_statuses.Running(_startTime!, startedAt, containerId));
        BecameReady?.Invoke();
        return startedAt;
    }

    PodOutcome Ended(ContainerEnd end, string? containerId)
    {
        var pod = WriteStatus(_statuses.Terminated(_startTime ?? Now(), end, containerId));
        return new PodOutcome(end.ExitCode == 0 ? PodEnd.Succeeded : PodEnd.Failed, pod);
    }

    PodOutcome Gone()
    {
        // The Job's deletion already collected the Pods it owned; one created in the meantime would linger.
        if (!_runner.Stopping.IsCancellationRequested && _podName.Length > 0)
            try { _runner.Store.Delete(_runner.PodType, _ns, _podName, null); } catch (ApiError) { }
        return new PodOutcome(PodEnd.JobGone, null);
    }

    static string ReasonFor(int exitCode) => exitCode == 0 ? "Completed" : "Error";

    /// <summary>terminationMessagePolicy FallbackToLogsOnError: a failed container's message is its log's tail.</summary>
    string? FallbackMessage(int exitCode)
    {
        if (exitCode == 0 || Str(_container["terminationMessagePolicy"]) != "FallbackToLogsOnError") return null;
        var tail = TerminationMessage.FromLogTail(_runner.Logs.Read(_ns, _podName));
        return tail.Length == 0 ? null : tail;
    }

    /// <summary>Replaces the Pod's status; returns the Pod as stored (or as it would be, when it has been deleted meanwhile).</summary>
    JsonObject WriteStatus(JsonObject status)
    {
        var local = (JsonObject)_pod.DeepClone();
        local["status"] = status.DeepClone();
        _pod = local;
        try
        {
            return _pod = _runner.Store.Patch(_runner.PodType, _ns, _podName, current =>
            {
                var next = (JsonObject)current.DeepClone();
                next["status"] = status;
                return next;
            }, statusOnly: true);
        }
        catch (ApiError) { return local; }
    }

    static string Now() => Timestamp(DateTime.UtcNow);
}
