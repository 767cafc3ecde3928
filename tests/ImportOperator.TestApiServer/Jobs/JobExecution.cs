using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;
using static ImportOperator.TestApiServer.Jobs.JsonRead;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>
/// The Job controller's work for one Job (parallelism 1, completions 1, restartPolicy Never): one Pod at a time,
/// each failure judged by the podFailurePolicy and counted against backoffLimit, activeDeadlineSeconds from the
/// Job's start, and the Job's status written as the controller writes it, including the interim FailureTarget and
/// SuccessCriteriaMet conditions that precede Failed and Complete since Kubernetes 1.31.
/// </summary>
internal sealed class JobExecution(LocalJobRunner runner, JsonObject job) : ILocalJob
{
    /// <summary>As Kubernetes defaults spec.backoffLimit.</summary>
    public const int DefaultBackoffLimit = 6;
    static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(6);
    const long MaxDeadlineSeconds = 30L * 24 * 3600;

    readonly CancellationTokenSource _deleted = new();
    readonly JsonArray _conditions = [];
    readonly object _statusGate = new();
    readonly string _ns = Str(job["metadata"]!["namespace"])!;
    readonly string _name = Str(job["metadata"]!["name"])!;
    string? _startTime;
    string? _completionTime;
    int _active, _ready, _failed, _succeeded;

    /// <summary>The Job is gone from the store: stop, kill its process, write nothing more.</summary>
    public void MarkDeleted() => _ = _deleted.CancelAsync();

    public async Task RunAsync()
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(_deleted.Token, runner.Stopping);
        using var deadline = new CancellationTokenSource();
        try
        {
            if (!StillExists()) return;
            var spec = job["spec"];
            var container = spec?["template"]?["spec"]?["containers"]?[0] as JsonObject ?? new JsonObject();
            var backoffLimit = Long(spec?["backoffLimit"]) ?? DefaultBackoffLimit;
            _startTime = Now();
            // CancelAfter takes at most ~49 days; a longer deadline never passes within a test anyway.
            if (Long(spec?["activeDeadlineSeconds"]) is { } seconds && seconds <= MaxDeadlineSeconds) deadline.CancelAfter(TimeSpan.FromSeconds(seconds));

            var consecutiveFailures = 0;
            for (var attempt = 1; ; attempt++)
            {
                if (attempt > 1 && !StillExists()) return;
                if (deadline.IsCancellationRequested) { FailJob("DeadlineExceeded", "Job was active longer than specified deadline"); return; }
                var pod = new PodRun(runner, job, container, attempt)
                {
                    Created = () => TryWriteStatus(() => { _active = 1; _ready = 0; }),
                    BecameReady = () => TryWriteStatus(() => _ready = 1),
                };
                var outcome = await pod.RunAsync(deadline.Token, gone.Token);
                switch (outcome.End)
                {
                    case PodEnd.JobGone:
                        return;
                    case PodEnd.Succeeded:
                        WriteStatus(() => { _active = 0; _ready = 0; _succeeded = 1; });
                        Complete();
                        return;
                    case PodEnd.DeadlineExceeded:
                        WriteStatus(() => { _active = 0; _ready = 0; _failed++; });
                        FailJob("DeadlineExceeded", "Job was active longer than specified deadline");
                        return;
                }
                var verdict = PodFailurePolicy.Evaluate(spec?["podFailurePolicy"], outcome.Pod!);
                WriteStatus(() => { _active = 0; _ready = 0; if (verdict.Action != PodFailureAction.Ignore) _failed++; });
                if (verdict.Action == PodFailureAction.FailJob) { FailJob("PodFailurePolicy", verdict.FailJobMessage!); return; }
                if (_failed > backoffLimit) { FailJob("BackoffLimitExceeded", "Job has reached the specified backoff limit"); return; }

                consecutiveFailures++;
                var delay = RetryDelay(consecutiveFailures);
                if (delay > TimeSpan.Zero)
                {
                    using var waiting = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, gone.Token);
                    try { await Task.Delay(delay, waiting.Token); }
                    catch (OperationCanceledException) when (!gone.IsCancellationRequested) { }
                    if (gone.IsCancellationRequested) return;
                }
            }
        }
        catch (ApiError) { } // The Job or its namespace was deleted while we wrote to it.
        catch (OperationCanceledException) when (gone.IsCancellationRequested) { }
        catch (Exception e)
        {
            // A bug here would otherwise leave the Job active forever with no trace; say which Job and why.
            Console.Error.WriteLine($"local job runner: job {_ns}/{_name} stopped: {e}");
        }
    }

    /// <summary>For writes from inside a running Pod: a Job deleted meanwhile must not stop the Pod's own cleanup.</summary>
    void TryWriteStatus(Action change)
    {
        try { WriteStatus(change); } catch (ApiError) { }
    }

    bool StillExists()
    {
        try { return Str(runner.Store.Get(runner.JobType, _ns, _name)["metadata"]?["uid"]) == Str(job["metadata"]!["uid"]); }
        catch (ApiError) { return false; }
    }

    TimeSpan RetryDelay(int failures) => RetryDelay(runner.Options, failures);

    /// <summary>The controller's exponential backoff between a failed Pod and its replacement, from the configured base.</summary>
    internal static TimeSpan RetryDelay(LocalJobRunnerOptions options, int failures)
    {
        var baseDelay = options.RetryBackoff;
        if (baseDelay <= TimeSpan.Zero) return TimeSpan.Zero;
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * factor, MaxRetryDelay.Ticks));
    }

    void Complete()
    {
        const string message = "Reached expected number of succeeded pods";
        AddCondition("SuccessCriteriaMet", "CompletionsReached", message);
        _completionTime = Now();
        AddCondition("Complete", "CompletionsReached", message);
    }

    void FailJob(string reason, string message)
    {
        AddCondition("FailureTarget", reason, message);
        AddCondition("Failed", reason, message);
    }

    void AddCondition(string type, string reason, string message)
    {
        var now = Now();
        WriteStatus(() => _conditions.Add(new JsonObject
        {
            ["type"] = type, ["status"] = "True", ["lastProbeTime"] = now, ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message,
        }));
    }

    /// <summary>Applies the change to this Job's counters and writes the whole status, as the controller owns all of it.</summary>
    void WriteStatus(Action change)
    {
        JsonObject status;
        lock (_statusGate)
        {
            change();
            status = new JsonObject();
            if (_conditions.Count > 0) status["conditions"] = _conditions.DeepClone();
            if (_startTime is not null) status["startTime"] = _startTime;
            if (_completionTime is not null) status["completionTime"] = _completionTime;
            // Zero counts are left out (omitempty); ready and terminating are always written.
            if (_active > 0) status["active"] = _active;
            if (_succeeded > 0) status["succeeded"] = _succeeded;
            if (_failed > 0) status["failed"] = _failed;
            status["terminating"] = 0;
            status["ready"] = _ready;
            status["uncountedTerminatedPods"] = new JsonObject();
        }
        runner.WriteJobStatus(_ns, _name, status);
    }

    static string Now() => Timestamp(DateTime.UtcNow);
}
