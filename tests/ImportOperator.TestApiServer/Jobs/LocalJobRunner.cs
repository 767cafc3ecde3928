using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;
using static ImportOperator.TestApiServer.Jobs.JsonRead;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>
/// Plays the Job controller, scheduler and kubelet for Jobs with the configured image: each attempt is a Pod
/// (named &lt;job&gt;-&lt;5 random&gt;) whose container command runs as a local child process with the resolved env;
/// failures are judged by spec.podFailurePolicy and retried up to spec.backoffLimit; spec.activeDeadlineSeconds
/// is enforced; Indexed Jobs (completionMode Indexed) run one Pod per index, <c>parallelism</c> at a time, with
/// per-index retries (<see cref="IndexedJobExecution"/>); at most <see cref="LocalJobRunnerOptions.MaxConcurrentPods"/> processes run at once (the rest stay
/// Pending); Pod and Job status are written as Kubernetes writes them. Tests can inject infrastructure faults
/// (<see cref="InjectFault"/>) and kill running Pods (<see cref="KillRunningPods"/>). Deleting a Job kills its
/// process; disposing the runner kills all of them.
/// </summary>
public sealed class LocalJobRunner : IAsyncDisposable
{
    /// <summary>The one node every local Pod is bound to (spec.nodeName).</summary>
    public const string NodeName = "local-node";

    readonly ConcurrentDictionary<string, ILocalJob> _jobs = new();
    readonly ConcurrentDictionary<RunningPod, byte> _running = new();
    readonly ConcurrentBag<Task> _tasks = [];
    readonly CancellationTokenSource _stopping = new();
    volatile Func<JobAttempt, PodFault?>? _faultChooser;
    int _peakRunning;

    public LocalJobRunner(ObjectStore store, PodLogStore logs, LocalJobRunnerOptions options)
    {
        if (options.MaxConcurrentPods < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrentPods, "LocalJobRunnerOptions.MaxConcurrentPods must be at least 1");
        Store = store;
        Logs = logs;
        Options = options;
        Capacity = new SemaphoreSlim(options.MaxConcurrentPods);
        Store.Changed += OnChanged;
    }

    /// <summary>
    /// Decides, for every Pod about to start, whether it meets an infrastructure fault instead of running (null: it
    /// runs). Replaces the previous chooser; null removes it. Called on a background thread.
    /// </summary>
    public void InjectFault(Func<JobAttempt, PodFault?>? chooser) => _faultChooser = chooser;

    /// <summary>
    /// Kills the processes of running Pods the predicate selects, as a crashing node would: each Pod fails with its
    /// container terminated (exit code 137, reason Error) and counts as a failure. Returns how many were killed.
    /// </summary>
    public int KillRunningPods(Func<JobAttempt, bool> predicate)
    {
        var killed = 0;
        foreach (var pod in _running.Keys)
        {
            if (!predicate(pod.Attempt)) continue;
            pod.KillAsNodeFailure();
            killed++;
        }
        return killed;
    }

    /// <summary>How many Pod processes run now.</summary>
    public int RunningPodCount => _running.Count;

    /// <summary>The most Pod processes that ever ran at once (to check MaxConcurrentPods held under load).</summary>
    public int PeakRunningPodCount => Volatile.Read(ref _peakRunning);

    internal ObjectStore Store { get; }

    /// <summary>Replaces a Job's status through the status subresource, as the Job controller does.</summary>
    internal void WriteJobStatus(string ns, string name, System.Text.Json.Nodes.JsonObject status) =>
        Store.Patch(JobType, ns, name, current =>
        {
            var next = (System.Text.Json.Nodes.JsonObject)current.DeepClone();
            next["status"] = status;
            return next;
        }, statusOnly: true);
    internal PodLogStore Logs { get; }
    internal LocalJobRunnerOptions Options { get; }
    internal SemaphoreSlim Capacity { get; }
    internal CancellationToken Stopping => _stopping.Token;
    internal Func<JobAttempt, PodFault?>? FaultChooser => _faultChooser;
    internal ResourceType JobType => Store.Registry.Find("batch", "v1", "jobs")!;
    internal ResourceType PodType => Store.Registry.Find("", "v1", "pods")!;

    internal void Register(RunningPod pod)
    {
        _running[pod] = 0;
        var count = _running.Count;
        int peak;
        while (count > (peak = Volatile.Read(ref _peakRunning)) && Interlocked.CompareExchange(ref _peakRunning, count, peak) != peak) { }
    }

    internal void Unregister(RunningPod pod) => _running.TryRemove(pod, out _);

    void OnChanged(StoredEvent e)
    {
        if (_stopping.IsCancellationRequested) return;
        if (e.Type.Group.Length == 0 && e.Type.Plural == "pods" && e.EventType == "DELETED") { OnPodDeleted(e.Object); return; }
        if (e.Type.Group != "batch" || e.Type.Plural != "jobs") return;
        var uid = Str(e.Object["metadata"]?["uid"]) ?? "";
        if (e.EventType == "DELETED")
        {
            if (_jobs.TryRemove(uid, out var execution)) execution.MarkDeleted();
            return;
        }
        if (e.EventType != "ADDED" || !RunsLocally(e.Object)) return;
        ILocalJob job = Str(e.Object["spec"]?["completionMode"]) == "Indexed" ? new IndexedJobExecution(this, e.Object) : new JobExecution(this, e.Object);
        if (!_jobs.TryAdd(uid, job)) return;
        _tasks.Add(Task.Run(async () =>
        {
            try { await job.RunAsync(); }
            finally { _jobs.TryRemove(new KeyValuePair<string, ILocalJob>(uid, job)); }
        }));
    }

    /// <summary>
    /// A running Pod deleted by someone else loses its process (no grace period here); the Job controller then counts
    /// it as failed and replaces it. Pods collected with their Job stop through the Job's deletion instead.
    /// </summary>
    void OnPodDeleted(JsonObject pod)
    {
        var ns = Str(pod["metadata"]?["namespace"]);
        var name = Str(pod["metadata"]?["name"]);
        foreach (var running in _running.Keys)
            if (running.Attempt.Namespace == ns && running.Attempt.PodName == name) running.KillAsNodeFailure();
    }

    bool RunsLocally(JsonObject job)
    {
        var image = Str(job["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]) ?? "";
        return image == Options.Image
            || image.StartsWith(Options.Image + ":", StringComparison.Ordinal)
            || image.StartsWith(Options.Image + "@", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        Store.Changed -= OnChanged;
        _stopping.Cancel();
        foreach (var pod in _running.Keys) pod.KillAsNodeFailure();
        try { await Task.WhenAll(_tasks).WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (Exception) { } // Shutting down: a Job's own failure no longer matters.
        _stopping.Dispose();
    }
}
