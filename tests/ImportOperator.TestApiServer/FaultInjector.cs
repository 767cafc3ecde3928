namespace ImportOperator.TestApiServer;

/// <summary>
/// Misbehaviour on demand, for tests of the client side: broken watch streams, failing calls, slow calls and
/// compaction (see <see cref="TestApiServer.Compact"/>).
/// </summary>
public sealed class FaultInjector
{
    /// <summary>
    /// A request carrying this header is spared injected failures and latency: a test's own observer keeps watching
    /// while the operator meets the faults, and does not use up failures meant for the operator.
    /// </summary>
    public const string ExemptHeader = "X-Test-Fault-Exempt";

    readonly object _gate = new();
    CancellationTokenSource _watchKill = new();
    int _failuresLeft;
    int _failureCode;
    TimeSpan _latency;
    long _watchesClosed;
    long _failuresServed;

    /// <summary>Cancelled to end every open watch stream; a fresh token is handed to watches opened afterwards.</summary>
    internal CancellationToken WatchKillToken { get { lock (_gate) return _watchKill.Token; } }

    /// <summary>Ends every open watch stream at once, as a load balancer or API server restart would.</summary>
    public void CloseAllWatches()
    {
        CancellationTokenSource old;
        lock (_gate) { old = _watchKill; _watchKill = new(); _watchesClosed++; }
        old.Cancel();
        old.Dispose();
    }

    public long WatchKills { get { lock (_gate) return _watchesClosed; } }

    /// <summary>Answers the next <paramref name="count"/> API calls with <paramref name="statusCode"/> (500 or 429).</summary>
    public void FailNext(int count, int statusCode = 500)
    {
        lock (_gate) { _failuresLeft = count; _failureCode = statusCode; }
    }

    /// <summary>How many calls have been answered with an injected failure, so tests can wait for a client to hit one.</summary>
    public long FailuresServed { get { lock (_gate) return _failuresServed; } }

    /// <summary>Delays every API call by this much (zero to stop).</summary>
    public TimeSpan Latency { get { lock (_gate) return _latency; } set { lock (_gate) _latency = value; } }

    internal int? TakeFailure()
    {
        lock (_gate)
        {
            if (_failuresLeft <= 0) return null;
            _failuresLeft--;
            _failuresServed++;
            return _failureCode;
        }
    }
}
