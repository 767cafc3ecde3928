using System.Collections.Concurrent;
using System.Net;
using ImportOperator.Runtime.Metrics;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImportOperator.Runtime.Informers;

/// <summary>
/// Keeps a local cache of one kind in step with the API server: list, then watch from the list's resourceVersion,
/// advancing on every event and bookmark. A stream that ends is resumed from the last resourceVersion; a failure
/// reconnects after a jittered exponential backoff; 410 Gone (delivered by KubernetesClient to onError) relists
/// once. Relisting diffs against the cache, so handlers see each real change once and nothing twice.
/// </summary>
public sealed partial class Informer<T> : IInformer where T : class, IKubernetesObject<V1ObjectMeta>
{
    readonly ResourceClient<T> _client;
    readonly InformerOptions _options;
    readonly ILogger _logger;
    readonly RuntimeMetrics? _metrics;
    readonly ConcurrentDictionary<ObjectKey, T> _cache = new();
    readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly List<Action<InformerEvent<T>>> _handlers = [];
    string _resourceVersion = "";
    long _relists, _reconnects, _watchesOpened;

    public Informer(ResourceClient<T> client, InformerOptions? options = null, ILogger? logger = null, RuntimeMetrics? metrics = null)
    {
        _client = client;
        _options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
    }

    public ResourceKind Kind => _client.Kind;

    /// <summary>Registers a change handler. Handlers run on the informer's loop: keep them quick (enqueue, don't reconcile).</summary>
    public void AddHandler(Action<InformerEvent<T>> handler) { lock (_handlers) _handlers.Add(handler); }

    /// <summary>Completes once the first list has filled the cache.</summary>
    public Task Synced => _synced.Task;
    public bool HasSynced => _synced.Task.IsCompletedSuccessfully;

    public T? Get(ObjectKey key) => _cache.TryGetValue(key, out var obj) ? obj : null;
    public IReadOnlyCollection<T> List() => _cache.Values.ToArray();
    public int Count => _cache.Count;

    /// <summary>Full lists done (the first, plus one per 410 Gone).</summary>
    public long Relists => Interlocked.Read(ref _relists);
    /// <summary>Watches resumed after a stream ended or failed.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);
    public long WatchesOpened => Interlocked.Read(ref _watchesOpened);
    public string LastResourceVersion => Volatile.Read(ref _resourceVersion);

    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = _options.InitialBackoff;
        var needList = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAndReplaceAsync(ct).ConfigureAwait(false);
                    needList = false;
                }
                var outcome = await WatchOnceAsync(ct).ConfigureAwait(false);
                if (outcome.SawEvents) backoff = _options.InitialBackoff;
                if (outcome.Gone)
                {
                    LogGone(_logger, _client.Kind.Plural, _resourceVersion);
                    needList = true;
                    continue;
                }
                Interlocked.Increment(ref _reconnects);
                if (outcome.Failure is null) continue; // A clean end (timeoutSeconds): resume at once from where we are.
                LogWatchFailed(_logger, _client.Kind.Plural, Describe(outcome.Failure));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                needList = true;
                continue;
            }
            catch (Exception e)
            {
                LogListFailed(_logger, _client.Kind.Plural, Describe(e));
                if (!needList) Interlocked.Increment(ref _reconnects);
            }
            try { await Task.Delay(Jitter(backoff), ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    /// <summary>The message and every inner one: "Error while copying content to a stream" alone hides whether the
    /// stream ended empty, was reset, or was cancelled.</summary>
    static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var current = e; current is not null && parts.Count < 4; current = current.InnerException)
            parts.Add($"{current.GetType().Name}: {current.Message}");
        return string.Join(" <- ", parts);
    }

    /// <summary>Up to half again as long, so many clients do not reconnect in lockstep.</summary>
    static TimeSpan Jitter(TimeSpan delay) => delay + TimeSpan.FromTicks((long)(delay.Ticks * Random.Shared.NextDouble() * 0.5));

    async Task ListAndReplaceAsync(CancellationToken ct)
    {
        var list = await _client.ListAsync(_options.Namespace, _options.LabelSelector, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _relists);
        _metrics?.InformerRelists.Add(1, new KeyValuePair<string, object?>("resource", _client.Kind.Plural));
        var seen = new HashSet<ObjectKey>();
        foreach (var item in list.Items)
        {
            var key = ObjectKey.Of(item);
            seen.Add(key);
            if (_cache.TryGetValue(key, out var old))
            {
                if (old.Metadata.ResourceVersion == item.Metadata.ResourceVersion) continue;
                _cache[key] = item;
                Dispatch(new(InformerEventType.Modified, item, old));
            }
            else
            {
                _cache[key] = item;
                Dispatch(new(InformerEventType.Added, item, null));
            }
        }
        foreach (var (key, old) in _cache)
            if (!seen.Contains(key) && _cache.TryRemove(key, out _))
                Dispatch(new(InformerEventType.Deleted, old, old));
        Volatile.Write(ref _resourceVersion, list.Metadata.ResourceVersion ?? "");
        _synced.TrySetResult();
    }

    readonly record struct WatchOutcome(bool SawEvents, bool Gone, Exception? Failure);

    async Task<WatchOutcome> WatchOnceAsync(CancellationToken ct)
    {
        Exception? reported = null;
        bool sawEvents = false;
        Interlocked.Increment(ref _watchesOpened);
        using var streamCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            var timeout = (int)Math.Max(1, _options.WatchTimeout.TotalSeconds);
            await foreach (var (type, obj) in _client.WatchAsync(_options.Namespace, _options.LabelSelector, _resourceVersion, timeout, e => reported ??= e, streamCts.Token).ConfigureAwait(false))
            {
                sawEvents = true;
                Apply(type, obj);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone) { return new(sawEvents, true, e); }
        catch (Exception e) { reported ??= e; }
        if (IsGone(reported)) return new(sawEvents, true, reported);
        return new(sawEvents, false, reported);
    }

    static bool IsGone(Exception? e) => e switch
    {
        KubernetesException k => k.Status?.Code == 410,
        HttpOperationException h => h.Response.StatusCode == HttpStatusCode.Gone,
        _ => false,
    };

    void Apply(WatchEventType type, T obj)
    {
        var rv = obj.Metadata?.ResourceVersion;
        switch (type)
        {
            case WatchEventType.Bookmark:
                break;
            case WatchEventType.Added or WatchEventType.Modified:
            {
                var key = ObjectKey.Of(obj);
                _cache.TryGetValue(key, out var old);
                _cache[key] = obj;
                Dispatch(new(old is null ? InformerEventType.Added : InformerEventType.Modified, obj, old));
                break;
            }
            case WatchEventType.Deleted:
            {
                var key = ObjectKey.Of(obj);
                _cache.TryRemove(key, out var old);
                Dispatch(new(InformerEventType.Deleted, obj, old));
                break;
            }
            default:
                return;
        }
        if (!string.IsNullOrEmpty(rv)) Volatile.Write(ref _resourceVersion, rv);
    }

    void Dispatch(InformerEvent<T> e)
    {
        Action<InformerEvent<T>>[] handlers;
        lock (_handlers) handlers = _handlers.ToArray();
        foreach (var handler in handlers)
        {
            try { handler(e); }
            catch (Exception ex) { LogHandlerFailed(_logger, _client.Kind.Plural, ex); }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Resource} expired at resourceVersion {ResourceVersion} (410 Gone); relisting")]
    static partial void LogGone(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Resource} failed: {Reason}; reconnecting with backoff")]
    static partial void LogWatchFailed(ILogger logger, string resource, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "List of {Resource} failed: {Reason}; retrying with backoff")]
    static partial void LogListFailed(ILogger logger, string resource, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event handler for {Resource} threw")]
    static partial void LogHandlerFailed(ILogger logger, string resource, Exception exception);
}
