using System.Diagnostics;
using ImportOperator.Runtime.Metrics;

namespace ImportOperator.Runtime.Queue;

/// <summary>
/// A keyed work queue with client-go's guarantees: a key is queued at most once however often it is added; a key
/// being processed is never handed to a second worker (an add meanwhile marks it dirty and it is queued again when
/// the first worker is done); delayed adds wait on a timer; failed keys come back after <see cref="RateLimiter{TKey}"/>.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    readonly object _gate = new();
    readonly Queue<TKey> _ready = new();
    readonly HashSet<TKey> _dirty = new();
    readonly HashSet<TKey> _processing = new();
    readonly Dictionary<TKey, long> _addedAt = new();
    readonly PriorityQueue<TKey, DateTimeOffset> _delayed = new();
    readonly Dictionary<TKey, DateTimeOffset> _delayedUntil = new();
    readonly SemaphoreSlim _signal = new(0);
    readonly RateLimiter<TKey> _limiter;
    readonly TimeProvider _clock;
    readonly RuntimeMetrics? _metrics;
    readonly KeyValuePair<string, object?> _nameTag;
    readonly CancellationTokenSource _shutdown = new();
    readonly Task _timerLoop;
    readonly SemaphoreSlim _timerWake = new(0);

    public WorkQueue(string name, RateLimiter<TKey>? limiter = null, RuntimeMetrics? metrics = null, TimeProvider? clock = null)
    {
        _limiter = limiter ?? RateLimiter<TKey>.Default();
        _clock = clock ?? TimeProvider.System;
        _metrics = metrics;
        _nameTag = new("name", name);
        _timerLoop = Task.Run(TimerLoopAsync);
    }

    public int Depth { get { lock (_gate) return _ready.Count + _delayed.Count; } }
    public bool IsShuttingDown => _shutdown.IsCancellationRequested;

    public void Add(TKey key)
    {
        lock (_gate)
        {
            if (_shutdown.IsCancellationRequested || !_dirty.Add(key)) return;
            _metrics?.QueueAdds.Add(1, _nameTag);
            _addedAt[key] = Stopwatch.GetTimestamp();
            if (_processing.Contains(key)) return;
            _ready.Enqueue(key);
        }
        _signal.Release();
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed (an earlier pending time wins).</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero) { Add(key); return; }
        lock (_gate)
        {
            if (_shutdown.IsCancellationRequested) return;
            var due = _clock.GetUtcNow() + delay;
            if (_delayedUntil.TryGetValue(key, out var existing) && existing <= due) return;
            _delayedUntil[key] = due;
            _delayed.Enqueue(key, due);
        }
        _timerWake.Release();
    }

    /// <summary>Adds the key after its backoff: the per-key exponential delay or the overall rate limit, whichever is longer.</summary>
    public void AddRateLimited(TKey key)
    {
        _metrics?.QueueRetries.Add(1, _nameTag);
        AddAfter(key, _limiter.When(key));
    }

    /// <summary>Clears the key's failure history (after a success or a terminal error).</summary>
    public void Forget(TKey key) => _limiter.Forget(key);

    public int Requeues(TKey key) => _limiter.Failures(key);

    /// <summary>Waits for a key and marks it processing. Returns false when the queue shut down.</summary>
    public async Task<(bool Ok, TKey Key)> GetAsync(CancellationToken ct)
    {
        while (true)
        {
            try { await _signal.WaitAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return (false, default!); }
            lock (_gate)
            {
                if (_shutdown.IsCancellationRequested) return (false, default!);
                if (!_ready.TryDequeue(out var key)) continue;
                _dirty.Remove(key);
                _processing.Add(key);
                if (_addedAt.Remove(key, out var at)) _metrics?.QueueLatency.Record(Stopwatch.GetElapsedTime(at).TotalSeconds, _nameTag);
                return (true, key);
            }
        }
    }

    /// <summary>Marks the key finished; if it was added while processing, it is queued again now.</summary>
    public void Done(TKey key)
    {
        bool requeue;
        lock (_gate)
        {
            _processing.Remove(key);
            requeue = _dirty.Contains(key) && !_shutdown.IsCancellationRequested;
            if (requeue) _ready.Enqueue(key);
        }
        if (requeue) _signal.Release();
    }

    async Task TimerLoopAsync()
    {
        var ct = _shutdown.Token;
        while (!ct.IsCancellationRequested)
        {
            TimeSpan wait;
            List<TKey>? due = null;
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                while (_delayed.TryPeek(out var key, out var at) && at <= now)
                {
                    _delayed.Dequeue();
                    if (_delayedUntil.TryGetValue(key, out var current) && current == at)
                    {
                        _delayedUntil.Remove(key);
                        (due ??= []).Add(key);
                    }
                }
                wait = _delayed.TryPeek(out _, out var next) ? next - now : Timeout.InfiniteTimeSpan;
            }
            if (due is not null) foreach (var key in due) Add(key);
            try
            {
                if (wait == Timeout.InfiniteTimeSpan) await _timerWake.WaitAsync(ct).ConfigureAwait(false);
                else await _timerWake.WaitAsync(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Stops handing out keys; waiting workers return at once.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shutdown.IsCancellationRequested) return;
            _shutdown.Cancel();
        }
        _signal.Release(int.MaxValue / 2);
    }

    public void Dispose()
    {
        ShutDown();
        try { _timerLoop.Wait(TimeSpan.FromSeconds(1)); } catch (AggregateException) { }
    }
}
