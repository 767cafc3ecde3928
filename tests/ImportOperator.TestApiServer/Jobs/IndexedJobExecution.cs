using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;
using static ImportOperator.TestApiServer.Jobs.JsonRead;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>
/// The Job controller's work for an Indexed Job (completionMode Indexed): one Pod per index 0..completions-1, at
/// most <c>parallelism</c> at once, each with JOB_COMPLETION_INDEX and the job-completion-index annotation. A failed
/// Pod is judged by the podFailurePolicy (FailJob ends the whole Job); with <c>backoffLimitPerIndex</c> each index
/// has its own retries and an index past them is failed (the Job fails at once when <c>maxFailedIndexes</c> is
/// exceeded, otherwise when the other indexes are done); without it, failures count against <c>backoffLimit</c>. The
/// status carries succeeded, failed, completedIndexes and failedIndexes as the controller writes them; when the Job
/// fails, its active Pods are stopped.
/// </summary>
internal sealed class IndexedJobExecution(LocalJobRunner runner, JsonObject job) : ILocalJob
{
    const long MaxDeadlineSeconds = 30L * 24 * 3600;

    readonly CancellationTokenSource _deleted = new();
    readonly CancellationTokenSource _ended = new();
    readonly JsonArray _conditions = [];
    readonly object _gate = new();
    readonly string _ns = Str(job["metadata"]!["namespace"])!;
    readonly string _name = Str(job["metadata"]!["name"])!;
    readonly SortedSet<int> _completed = [];
    readonly SortedSet<int> _failedIndexes = [];
    readonly Dictionary<int, int> _failuresPerIndex = [];
    string? _startTime;
    string? _completionTime;
    int _active, _ready, _failed, _attempts;
    bool _finished;

    public void MarkDeleted() => _ = _deleted.CancelAsync();

    public async Task RunAsync()
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(_deleted.Token, runner.Stopping);
        using var stopPods = CancellationTokenSource.CreateLinkedTokenSource(gone.Token, _ended.Token);
        using var deadline = new CancellationTokenSource();
        try
        {
            if (!StillExists()) return;
            var spec = job["spec"];
            var completions = (int)Math.Max(0, Long(spec?["completions"]) ?? 1);
            var parallelism = (int)Math.Clamp(Long(spec?["parallelism"]) ?? 1, 1, Math.Max(1, completions));
            _startTime = Now();
            if (Long(spec?["activeDeadlineSeconds"]) is { } seconds && seconds <= MaxDeadlineSeconds) deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
            WriteStatus(() => { });

            var pending = new ConcurrentQueue<int>(Enumerable.Range(0, completions));
            var lanes = Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
            {
                while (!stopPods.IsCancellationRequested && pending.TryDequeue(out var index))
                    await RunIndexAsync(index, spec, deadline.Token, stopPods.Token, gone.Token);
            }));
            await Task.WhenAll(lanes);
            if (gone.IsCancellationRequested) return;
            lock (_gate) if (_finished) return;
            if (_failedIndexes.Count > 0) FailJob("FailedIndexes", "Job has failed indexes");
            else Complete();
        }
        catch (ApiError) { } // The Job or its namespace was deleted while we wrote to it.
        catch (OperationCanceledException) when (gone.IsCancellationRequested) { }
        catch (Exception e)
        {
            Console.Error.WriteLine($"local job runner: indexed job {_ns}/{_name} stopped: {e}");
        }
    }

    /// <summary>Runs one index until it succeeds, fails past its retries, or the Job ends.</summary>
    async Task RunIndexAsync(int index, JsonNode? spec, CancellationToken deadline, CancellationToken stopPods, CancellationToken gone)
    {
        var container = spec?["template"]?["spec"]?["containers"]?[0] as JsonObject ?? new JsonObject();
        var perIndexLimit = Long(spec?["backoffLimitPerIndex"]);
        // As Kubernetes defaults backoffLimit: 6, or unlimited when per-index limits apply.
        var backoffLimit = Long(spec?["backoffLimit"]) ?? (perIndexLimit is null ? JobExecution.DefaultBackoffLimit : int.MaxValue);
        var maxFailedIndexes = Long(spec?["maxFailedIndexes"]);
        var failures = 0;
        while (true)
        {
            if (deadline.IsCancellationRequested) { FailJob("DeadlineExceeded", "Job was active longer than specified deadline"); return; }
            var pod = new PodRun(runner, job, container, Interlocked.Increment(ref _attempts))
            {
                CompletionIndex = index,
                Created = () => TryWriteStatus(() => _active++),
                BecameReady = () => TryWriteStatus(() => _ready++),
            };
            var outcome = await pod.RunAsync(deadline, stopPods);
            switch (outcome.End)
            {
                case PodEnd.JobGone:
                    TryWriteStatusUnlessGone(gone, () => { _active--; });
                    return;
                case PodEnd.Succeeded:
                    WriteStatus(() => { _active--; _ready--; _completed.Add(index); });
                    return;
                case PodEnd.DeadlineExceeded:
                    WriteStatus(() => { _active--; _ready = Math.Max(0, _ready - 1); _failed++; });
                    FailJob("DeadlineExceeded", "Job was active longer than specified deadline");
                    return;
            }
            var verdict = PodFailurePolicy.Evaluate(spec?["podFailurePolicy"], outcome.Pod!);
            var counted = verdict.Action != PodFailureAction.Ignore;
            if (counted) failures++;
            var indexFailed = counted && perIndexLimit is { } limit && failures > limit;
            WriteStatus(() =>
            {
                _active--;
                _ready = Math.Max(0, _ready - 1);
                if (counted) { _failed++; _failuresPerIndex[index] = failures; }
                if (indexFailed) _failedIndexes.Add(index);
            });
            if (verdict.Action == PodFailureAction.FailJob) { FailJob("PodFailurePolicy", verdict.FailJobMessage!); return; }
            if (indexFailed)
            {
                if (maxFailedIndexes is { } max && _failedIndexes.Count > max)
                    FailJob("MaxFailedIndexesExceeded", "Job has exceeded the specified maximal number of failed indexes");
                return;
            }
            if (perIndexLimit is null && _failed > backoffLimit) { FailJob("BackoffLimitExceeded", "Job has reached the specified backoff limit"); return; }

            var delay = JobExecution.RetryDelay(runner.Options, failures);
            if (delay > TimeSpan.Zero)
            {
                using var waiting = CancellationTokenSource.CreateLinkedTokenSource(deadline, stopPods);
                try { await Task.Delay(delay, waiting.Token); }
                catch (OperationCanceledException) when (!stopPods.IsCancellationRequested) { }
                if (stopPods.IsCancellationRequested) return;
            }
        }
    }

    bool StillExists()
    {
        try { return Str(runner.Store.Get(runner.JobType, _ns, _name)["metadata"]?["uid"]) == Str(job["metadata"]!["uid"]); }
        catch (ApiError) { return false; }
    }

    void Complete()
    {
        const string message = "Reached expected number of succeeded pods";
        lock (_gate) { if (_finished) return; _finished = true; }
        AddCondition("SuccessCriteriaMet", "CompletionsReached", message);
        _completionTime = Now();
        AddCondition("Complete", "CompletionsReached", message);
    }

    /// <summary>The Job's end as a failure; the first reason wins and the other indexes' Pods are stopped.</summary>
    void FailJob(string reason, string message)
    {
        lock (_gate) { if (_finished) return; _finished = true; }
        try
        {
            AddCondition("FailureTarget", reason, message);
            AddCondition("Failed", reason, message);
        }
        finally { _ = _ended.CancelAsync(); }
    }

    void AddCondition(string type, string reason, string message)
    {
        var now = Now();
        WriteStatus(() => _conditions.Add(new JsonObject
        {
            ["type"] = type, ["status"] = "True", ["lastProbeTime"] = now, ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message,
        }));
    }

    void TryWriteStatus(Action change)
    {
        try { WriteStatus(change); } catch (ApiError) { }
    }

    void TryWriteStatusUnlessGone(CancellationToken gone, Action change)
    {
        if (gone.IsCancellationRequested) return;
        TryWriteStatus(change);
    }

    void WriteStatus(Action change)
    {
        JsonObject status;
        lock (_gate)
        {
            change();
            _active = Math.Max(0, _active);
            _ready = Math.Max(0, Math.Min(_ready, _active));
            status = new JsonObject();
            if (_conditions.Count > 0) status["conditions"] = _conditions.DeepClone();
            if (_startTime is not null) status["startTime"] = _startTime;
            if (_completionTime is not null) status["completionTime"] = _completionTime;
            if (_active > 0) status["active"] = _active;
            if (_completed.Count > 0) status["succeeded"] = _completed.Count;
            if (_failed > 0) status["failed"] = _failed;
            if (_completed.Count > 0) status["completedIndexes"] = Intervals(_completed);
            // failedIndexes is written only when per-index limits are in use, as the controller does.
            if (Long(job["spec"]?["backoffLimitPerIndex"]) is not null) status["failedIndexes"] = Intervals(_failedIndexes);
            status["terminating"] = 0;
            status["ready"] = _ready;
            status["uncountedTerminatedPods"] = new JsonObject();
        }
        runner.WriteJobStatus(_ns, _name, status);
    }

    /// <summary>Indexes as the controller writes them: ascending, consecutive runs as a-b (e.g. 0-2,4).</summary>
    internal static string Intervals(IEnumerable<int> indexes)
    {
        var sorted = indexes.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            var first = sorted[i].ToString(CultureInfo.InvariantCulture);
            parts.Add(j == i ? first : first + "-" + sorted[j].ToString(CultureInfo.InvariantCulture));
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    static string Now() => Timestamp(DateTime.UtcNow);
}
