using System.Diagnostics;
using ImportOperator.Runtime.Informers;
using ImportOperator.Runtime.Metrics;
using ImportOperator.Runtime.Queue;
using ImportOperator.Runtime.Telemetry;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportOperator.Runtime.Controllers;

/// <summary>
/// Wires informers to a reconciler through a work queue. Informer events (filtered by <see cref="Triggers"/>, and
/// child objects mapped to their controlling owner) enqueue keys; a bounded set of workers reconciles them, one
/// worker per key at a time; errors retry with backoff, <see cref="TerminalReconcileException"/> does not.
/// The queue and workers exist only while <see cref="RunAsync"/> runs (i.e. while this instance leads).
/// </summary>
public sealed partial class Controller<T> : IController where T : class, IKubernetesObject<V1ObjectMeta>
{
    readonly Informer<T> _primary;
    readonly IReconciler<T> _reconciler;
    readonly ControllerOptions _options;
    readonly ILogger _logger;
    readonly RuntimeMetrics? _metrics;
    readonly KeyValuePair<string, object?> _tag;
    readonly List<IInformer> _informers = [];
    volatile WorkQueue<ObjectKey>? _queue;
    Func<T, ActivityContext?>? _traceParent;

    public Controller(string name, Informer<T> primary, IReconciler<T> reconciler, ControllerOptions? options = null, ILogger? logger = null, RuntimeMetrics? metrics = null)
    {
        Name = name;
        _primary = primary;
        _reconciler = reconciler;
        _options = options ?? new ControllerOptions();
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _tag = new("controller", name);
        _informers.Add(primary);
        primary.AddHandler(e => { if (Triggers.ShouldReconcile(e)) Enqueue(ObjectKey.Of(e.Object)); });
    }

    public string Name { get; }
    public IReadOnlyList<IInformer> Informers => _informers;
    public int QueueDepth => _queue?.Depth ?? 0;

    /// <summary>Any change of a child whose controlling owner is one of ours reconciles that owner (e.g. Job status).</summary>
    public Controller<T> Owns<TChild>(Informer<TChild> children) where TChild : class, IKubernetesObject<V1ObjectMeta>
    {
        _informers.Add(children);
        children.AddHandler(e =>
        {
            if (Triggers.ControllerOwner(e.Object.Metadata, _primary.Kind) is { } owner) Enqueue(owner);
        });
        return this;
    }

    /// <summary>Reconciles the keys <paramref name="map"/> returns for every change of another kind.</summary>
    public Controller<T> Watches<TOther>(Informer<TOther> other, Func<TOther, IEnumerable<ObjectKey>> map) where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        _informers.Add(other);
        other.AddHandler(e => { foreach (var key in map(e.Object)) Enqueue(key); });
        return this;
    }

    /// <summary>
    /// Where an object keeps the trace its reconciles belong to (e.g. an annotation): each reconcile span becomes a
    /// child of what <paramref name="traceParent"/> returns, so one object's reconciles form one trace.
    /// </summary>
    public Controller<T> TraceParentFrom(Func<T, ActivityContext?> traceParent)
    {
        _traceParent = traceParent;
        return this;
    }

    /// <summary>Queues a key by hand (ignored while the controller is not running).</summary>
    public void Enqueue(ObjectKey key) => _queue?.Add(key);

    public async Task RunAsync(CancellationToken ct)
    {
        await Task.WhenAll(_informers.Select(i => i.Synced)).WaitAsync(ct).ConfigureAwait(false);
        using var queue = new WorkQueue<ObjectKey>(Name, _options.RateLimiter?.Invoke(), _metrics);
        _queue = queue;
        try
        {
            // Everything known is reconciled once on start: a new leader makes no assumption about what its predecessor finished.
            foreach (var obj in _primary.List()) queue.Add(ObjectKey.Of(obj));
            using var stop = ct.Register(queue.ShutDown);
            var workers = new Task[Math.Max(1, _options.MaxConcurrentReconciles)];
            for (int i = 0; i < workers.Length; i++) workers[i] = Task.Run(() => WorkAsync(queue, ct), CancellationToken.None);
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            _queue = null;
            queue.ShutDown();
        }
        ct.ThrowIfCancellationRequested();
    }

    async Task WorkAsync(WorkQueue<ObjectKey> queue, CancellationToken ct)
    {
        while (true)
        {
            var (ok, key) = await queue.GetAsync(ct).ConfigureAwait(false);
            if (!ok) return;
            try { await ReconcileOneAsync(queue, key, ct).ConfigureAwait(false); }
            finally { queue.Done(key); }
        }
    }

    async Task ReconcileOneAsync(WorkQueue<ObjectKey> queue, ObjectKey key, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var current = _primary.Get(key);
        using var span = RuntimeTracing.StartReconcile(Name, key, current is not null ? TraceParentOf(current) : null, queue.Requeues(key) + 1);
        string result;
        Exception? error = null;
        try
        {
            var outcome = await _reconciler.ReconcileAsync(new ReconcileRequest<T>(key, current), ct).ConfigureAwait(false);
            if (outcome.RequeueAfter is { } after)
            {
                queue.Forget(key);
                queue.AddAfter(key, after);
                result = "requeue_after";
            }
            else if (outcome.Requeue)
            {
                queue.AddRateLimited(key);
                result = "requeue";
            }
            else
            {
                queue.Forget(key);
                result = "success";
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result = "cancelled";
        }
        catch (TerminalReconcileException e)
        {
            queue.Forget(key);
            error = e;
            _metrics?.ReconcileErrors.Add(1, _tag);
            LogTerminal(_logger, Name, key.ToString(), e.Message);
            result = "terminal_error";
        }
        catch (Exception e)
        {
            error = e;
            _metrics?.ReconcileErrors.Add(1, _tag);
            LogFailed(_logger, Name, key.ToString(), queue.Requeues(key) + 1, e);
            queue.AddRateLimited(key);
            result = "error";
        }
        RuntimeTracing.End(span, result, error);
        _metrics?.ReconcileTotal.Add(1, _tag, new("result", result));
        _metrics?.ReconcileDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _tag);
    }

    /// <summary>The object's trace, if it names one; a broken value only costs the link, never the reconcile.</summary>
    ActivityContext? TraceParentOf(T obj)
    {
        if (_traceParent is null) return null;
        try { return _traceParent(obj); }
        catch (Exception e) when (e is FormatException or ArgumentException) { return null; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: reconcile of {Key} failed (attempt {Attempt}); retrying with backoff")]
    static partial void LogFailed(ILogger logger, string controller, string key, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Controller}: reconcile of {Key} failed for good: {Reason}")]
    static partial void LogTerminal(ILogger logger, string controller, string key, string reason);
}
