using System.Collections.Concurrent;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Hosting;
using ImportOperator.Operator.Jobs;
using ImportOperator.Runtime;
using ImportOperator.Storage;
using k8s;

namespace ImportOperator.Tests.Operator.Support;

/// <summary>
/// Watches every import of one namespace while a fault test runs (by polling, through a client the fault injector
/// spares, so dropped watches and injected 500s never blind it) and records any breach of what users rely on:
/// <list type="bullet">
/// <item>an import that reached a terminal phase (SUCCESSFUL, FAILED) never leaves it;</item>
/// <item>never two processing Jobs for one import;</item>
/// <item>no partial result is ever visible: when status.result appears, data, metadata and the summary (the commit
/// marker) are all stored;</item>
/// <item>once an import is deleted, nothing of it is left in storage (<see cref="AssertNothingStoredAsync"/>).</item>
/// </list>
/// </summary>
public sealed class ImportInvariants : IAsyncDisposable
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    readonly OperatorEnvironment _env;
    readonly string _ns;
    readonly IKubernetes _client;
    readonly ResourceClient<HeadlessImport> _imports;
    readonly CancellationTokenSource _stop = new();
    readonly ConcurrentQueue<string> _violations = new();
    readonly ConcurrentDictionary<string, string> _terminalPhaseByUid = new();
    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _jobsByUid = new();
    readonly ConcurrentDictionary<string, byte> _resultsChecked = new();
    readonly Task _loop;
    volatile IReadOnlyList<HeadlessImport> _latest = [];
    long _polls;

    ImportInvariants(OperatorEnvironment env, string ns)
    {
        _env = env;
        _ns = ns;
        _client = env.Api.CreateFaultExemptClient();
        _imports = new ResourceClient<HeadlessImport>(_client, OperatorHost.ImportKind);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Starts watching <paramref name="ns"/>; dispose (or call an Assert method) to stop.</summary>
    public static ImportInvariants Watch(OperatorEnvironment env, string ns) => new(env, ns);

    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>
    /// Waits until <paramref name="expected"/> imports exist and all are in a terminal phase, keeps watching a little
    /// longer (so a phase change after the end would be seen), stops, and fails on any breach.
    /// </summary>
    public async Task<IReadOnlyList<HeadlessImport>> AssertAllFinishAsync(int expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (DateTime.UtcNow < deadline)
        {
            var latest = _latest;
            if (latest.Count == expected && latest.All(i => ImportPhases.IsFinished(i.Status?.Phase))) break;
            await Task.Delay(PollInterval);
        }
        var finished = _latest;
        if (finished.Count != expected || !finished.All(i => ImportPhases.IsFinished(i.Status?.Phase)))
        {
            var phases = string.Join(", ", finished.Select(i => $"{i.Metadata.Name}={i.Status?.Phase ?? "(none)"}"));
            Assert.Fail($"Not all {expected} imports in {_ns} reached a terminal phase: {phases}\n--- operator log (tail) ---\n{Tail(_env.Operator.Log)}");
        }
        await WaitForPollsAsync(3);
        await StopAsync();
        AssertHeld();
        return _latest;
    }

    /// <summary>Fails with every breach seen so far.</summary>
    public void AssertHeld()
    {
        var violations = Violations;
        Assert.True(violations.Count == 0, $"Invariants broken in {_ns}:\n{string.Join("\n", violations)}\n--- operator log (tail) ---\n{Tail(_env.Operator.Log)}");
    }

    /// <summary>Waits until no object is stored under the namespace's prefix (every import of it was deleted).</summary>
    public async Task AssertNothingStoredAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        IReadOnlyList<string> keys = [];
        while (DateTime.UtcNow < deadline)
        {
            keys = await _env.StoredKeysAsync(ImportObjectKeys.NamespacePrefix(_ns));
            if (keys.Count == 0) return;
            await Task.Delay(PollInterval);
        }
        Assert.Fail($"Stored objects left after every import in {_ns} was deleted: {string.Join(", ", keys)}");
    }

    async Task WaitForPollsAsync(int count)
    {
        var target = Interlocked.Read(ref _polls) + count;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Interlocked.Read(ref _polls) < target && DateTime.UtcNow < deadline && !_loop.IsCompleted) await Task.Delay(PollInterval);
    }

    async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await PollAsync(_stop.Token);
                Interlocked.Increment(ref _polls);
                await Task.Delay(PollInterval, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // The observer itself can lose a request on a loaded machine; the next poll looks again.
                try { await Task.Delay(PollInterval, _stop.Token); } catch (OperationCanceledException) { return; }
            }
        }
    }

    async Task PollAsync(CancellationToken cancellationToken)
    {
        var imports = (await _imports.ListAsync(_ns, null, cancellationToken)).Items.ToList();
        foreach (var import in imports) await CheckImportAsync(import, cancellationToken);
        var jobs = (await _client.BatchV1.ListNamespacedJobAsync(_ns, cancellationToken: cancellationToken)).Items;
        foreach (var job in jobs)
        {
            if (job.Metadata.Labels?.TryGetValue(ImportLabels.ImportUid, out var uid) != true || uid is null) continue;
            var names = _jobsByUid.GetOrAdd(uid, _ => new());
            if (names.TryAdd(job.Metadata.Name, 0) && names.Count > 1)
                _violations.Enqueue($"Two Jobs for one import (uid {uid}): {string.Join(", ", names.Keys)}");
        }
        _latest = imports;
    }

    async Task CheckImportAsync(HeadlessImport import, CancellationToken cancellationToken)
    {
        var uid = import.Metadata.Uid;
        var phase = import.Status?.Phase;
        var who = $"{import.Metadata.NamespaceProperty}/{import.Metadata.Name}";
        if (_terminalPhaseByUid.TryGetValue(uid, out var terminal) && phase != terminal)
            _violations.Enqueue($"{who} left its terminal phase {terminal} for {phase ?? "(none)"}");
        else if (ImportPhases.IsFinished(phase))
            _terminalPhaseByUid.TryAdd(uid, phase!);

        if (import.Status?.Result?.Data is not { } data || _resultsChecked.ContainsKey(uid)) return;
        var keys = ImportObjectKeys.For(import.Metadata.NamespaceProperty, import.Metadata.Name, uid, import.Spec.OriginalFilename ?? "initial-data.json");
        foreach (var key in new[] { keys.Summary, keys.Data, keys.Metadata })
        {
            if (await _env.Store.GetSizeAsync(key, cancellationToken) is null)
                _violations.Enqueue($"{who} shows results ({data}, phase {phase}) while '{key}' is not stored: a partial result was visible");
        }
        _resultsChecked.TryAdd(uid, 0);
    }

    async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
    }

    static string Tail(string text, int lines = 60) => string.Join("\n", text.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _client.Dispose();
    }
}
