using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Storage;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>
/// Plays the Job controller and kubelet for Jobs with the configured image: runs the container command as a local
/// child process with the Job's env, records a Pod with its log, and writes Job status (active, then succeeded or
/// failed with a Complete/Failed condition). Children are killed on dispose.
/// </summary>
public sealed class LocalJobRunner : IAsyncDisposable
{
    readonly ObjectStore _store;
    readonly PodLogStore _logs;
    readonly LocalJobRunnerOptions _options;
    readonly ConcurrentDictionary<string, Process> _running = new();
    readonly ConcurrentBag<Task> _tasks = [];
    readonly CancellationTokenSource _stopping = new();

    public LocalJobRunner(ObjectStore store, PodLogStore logs, LocalJobRunnerOptions options)
    {
        _store = store;
        _logs = logs;
        _options = options;
        _store.Changed += OnChanged;
    }

    ResourceType JobType => _store.Registry.Find("batch", "v1", "jobs")!;
    ResourceType PodType => _store.Registry.Find("", "v1", "pods")!;

    void OnChanged(StoredEvent e)
    {
        if (_stopping.IsCancellationRequested || e.Type.Group != "batch" || e.Type.Plural != "jobs") return;
        var uid = e.Object["metadata"]?["uid"]?.GetValue<string>() ?? "";
        if (e.EventType == "DELETED")
        {
            if (_running.TryRemove(uid, out var process)) Kill(process);
            return;
        }
        if (e.EventType != "ADDED") return;
        var container = e.Object["spec"]?["template"]?["spec"]?["containers"]?[0];
        var image = container?["image"]?.GetValue<string>() ?? "";
        if (!(image == _options.Image || image.StartsWith(_options.Image + ":", StringComparison.Ordinal) || image.StartsWith(_options.Image + "@", StringComparison.Ordinal))) return;
        _tasks.Add(Task.Run(() => RunAsync(e.Object, container!)));
    }

    async Task RunAsync(JsonObject job, JsonNode container)
    {
        var ns = job["metadata"]!["namespace"]!.GetValue<string>();
        var name = job["metadata"]!["name"]!.GetValue<string>();
        var uid = job["metadata"]!["uid"]!.GetValue<string>();
        var podName = $"{name}-{Guid.NewGuid().ToString("N")[..5]}";
        try
        {
            var start = new ProcessStartInfo(_options.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in _options.LeadingArguments) start.ArgumentList.Add(a);
            var command = (container["command"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [];
            if (_options.DropEntrypoint && command.Count > 0) command.RemoveAt(0);
            foreach (var a in command) start.ArgumentList.Add(a);
            foreach (var a in (container["args"] as JsonArray)?.Select(n => n!.GetValue<string>()) ?? []) start.ArgumentList.Add(a);
            foreach (var (k, v) in _options.Environment) start.Environment[k] = v;
            foreach (var env in (container["env"] as JsonArray) ?? [])
                if (env?["name"]?.GetValue<string>() is { } key) start.Environment[key] = ResolveEnv(ns, env) ?? "";

            CreatePod(ns, podName, job, "Running");
            var now = Timestamp();
            WriteStatus(ns, name, s => { s["active"] = 1; s["startTime"] = now; s["ready"] = 1; });

            using var process = Process.Start(start)!;
            _running[uid] = process;
            process.OutputDataReceived += (_, line) => { if (line.Data is not null) _logs.Append(ns, podName, line.Data); };
            process.ErrorDataReceived += (_, line) => { if (line.Data is not null) _logs.Append(ns, podName, line.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await process.WaitForExitAsync(_stopping.Token);
            _running.TryRemove(uid, out _);
            Finish(ns, name, podName, process.ExitCode == 0, $"exit code {process.ExitCode}");
        }
        catch (OperationCanceledException) { }
        catch (ApiError) { } // The Job (or namespace) went away while it ran.
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            _logs.Append(ns, podName, $"failed to start: {e.Message}");
            try { Finish(ns, name, podName, false, e.Message); } catch (ApiError) { }
        }
    }

    void Finish(string ns, string job, string pod, bool succeeded, string message)
    {
        var now = Timestamp();
        try
        {
            _store.Patch(PodType, ns, pod, p => (JsonObject)JsonPatches.MergePatch(p, new JsonObject { ["status"] = new JsonObject { ["phase"] = succeeded ? "Succeeded" : "Failed" } })!, statusOnly: true);
        }
        catch (ApiError) { }
        WriteStatus(ns, job, s =>
        {
            s.Remove("active");
            s["ready"] = 0;
            s[succeeded ? "succeeded" : "failed"] = 1;
            if (succeeded) s["completionTime"] = now;
            s["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = succeeded ? "Complete" : "Failed",
                ["status"] = "True",
                ["lastProbeTime"] = now,
                ["lastTransitionTime"] = now,
                ["reason"] = succeeded ? "Completed" : "BackoffLimitExceeded",
                ["message"] = succeeded ? "Reached expected number of succeeded pods" : $"Job has reached the specified backoff limit ({message})",
            });
        });
    }

    void WriteStatus(string ns, string name, Action<JsonObject> change) =>
        _store.Patch(JobType, ns, name, job =>
        {
            var copy = (JsonObject)job.DeepClone();
            var status = copy["status"] as JsonObject ?? (JsonObject)(copy["status"] = new JsonObject());
            change(status);
            return copy;
        }, statusOnly: true);

    void CreatePod(string ns, string podName, JsonObject job, string phase)
    {
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = podName,
                ["labels"] = new JsonObject { ["job-name"] = job["metadata"]!["name"]!.GetValue<string>(), ["batch.kubernetes.io/job-name"] = job["metadata"]!["name"]!.GetValue<string>() },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = job["metadata"]!["name"]!.GetValue<string>(),
                    ["uid"] = job["metadata"]!["uid"]!.GetValue<string>(), ["controller"] = true, ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = job["spec"]?["template"]?["spec"]?.DeepClone(),
        };
        _store.Create(PodType, ns, pod);
        _store.Patch(PodType, ns, podName, p => (JsonObject)JsonPatches.MergePatch(p, new JsonObject { ["status"] = new JsonObject { ["phase"] = phase } })!, statusOnly: true);
    }

    string? ResolveEnv(string ns, JsonNode env)
    {
        if (env["value"] is { } value) return value.GetValue<string>();
        var from = env["valueFrom"];
        if (from?["secretKeyRef"] is { } secretRef)
        {
            try
            {
                var secret = _store.Get(_store.Registry.Find("", "v1", "secrets")!, ns, secretRef["name"]!.GetValue<string>());
                var encoded = secret["data"]?[secretRef["key"]!.GetValue<string>()]?.GetValue<string>();
                if (encoded is not null) return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                return secret["stringData"]?[secretRef["key"]!.GetValue<string>()]?.GetValue<string>();
            }
            catch (ApiError) { return null; }
        }
        if (from?["configMapKeyRef"] is { } mapRef)
        {
            try
            {
                var map = _store.Get(_store.Registry.Find("", "v1", "configmaps")!, ns, mapRef["name"]!.GetValue<string>());
                return map["data"]?[mapRef["key"]!.GetValue<string>()]?.GetValue<string>();
            }
            catch (ApiError) { return null; }
        }
        return null;
    }

    static string Timestamp() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    static void Kill(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _store.Changed -= OnChanged;
        _stopping.Cancel();
        foreach (var process in _running.Values) Kill(process);
        try { await Task.WhenAll(_tasks).WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
        _stopping.Dispose();
    }
}
