namespace ImportOperator.Runtime.Queue;

/// <summary>
/// How long a failed key waits before its next try: per-key exponential backoff (base doubling to a cap) combined
/// with an overall token bucket, taking the longer of the two, as client-go's default controller rate limiter.
/// </summary>
public sealed class RateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay, double tokensPerSecond, int burst, TimeProvider? clock = null)
    where TKey : notnull
{
    readonly TimeProvider _clock = clock ?? TimeProvider.System;
    readonly Dictionary<TKey, int> _failures = new();
    readonly object _gate = new();
    double _tokens = burst;
    long _lastRefill = (clock ?? TimeProvider.System).GetTimestamp();

    public static RateLimiter<TKey> Default() => new(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000), 10, 100);

    public TimeSpan When(TKey key)
    {
        lock (_gate)
        {
            _failures.TryGetValue(key, out var n);
            _failures[key] = n + 1;
            var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(n, 62));
            var perKey = TimeSpan.FromMilliseconds(Math.Min(exponential, maxDelay.TotalMilliseconds));
            var overall = ReserveToken();
            return perKey > overall ? perKey : overall;
        }
    }

    /// <summary>Takes a token from the overall bucket, going into debt when empty: the debt is the wait.</summary>
    TimeSpan ReserveToken()
    {
        var now = _clock.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + _clock.GetElapsedTime(_lastRefill, now).TotalSeconds * tokensPerSecond);
        _lastRefill = now;
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / tokensPerSecond);
    }

    public int Failures(TKey key) { lock (_gate) return _failures.TryGetValue(key, out var n) ? n : 0; }

    public void Forget(TKey key) { lock (_gate) _failures.Remove(key); }
}
