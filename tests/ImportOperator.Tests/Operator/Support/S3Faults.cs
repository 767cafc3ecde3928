using System.Text.RegularExpressions;

namespace ImportOperator.Tests.Operator.Support;

/// <summary>What the flaky S3 proxy does to a request a rule catches.</summary>
public enum S3FaultKind
{
    /// <summary>500 InternalError with an S3 error body; the request never reaches storage.</summary>
    InternalError,

    /// <summary>503 SlowDown, S3's throttling answer; the request never reaches storage.</summary>
    SlowDown,

    /// <summary>The request is held for <see cref="S3FaultRule.StallFor"/> before it is forwarded (a stalled link).</summary>
    Stall,

    /// <summary>The connection is dropped without an answer (a TCP reset); the request never reaches storage.</summary>
    Reset,

    /// <summary>
    /// The request is forwarded, storage answers, and then the connection is dropped before the answer reaches the
    /// client: the write happened but the writer cannot know it.
    /// </summary>
    ResetAfterForwarding,
}

/// <summary>
/// One scripted fault: requests whose method and "bucket/key" match take <see cref="Kind"/> until <see cref="Remaining"/>
/// reaches zero. The pattern is a glob where '*' matches any characters, '/' included ("*/results/*"); the optional
/// query pattern, a glob too, is matched against the decoded query string ("*prefix=ns/name/*" for a listing).
/// </summary>
public sealed class S3FaultRule
{
    readonly Regex _pattern;
    readonly Regex? _query;
    int _remaining;
    int _served;

    public S3FaultRule(string method, string keyPattern, S3FaultKind kind, int count, TimeSpan? stallFor = null, string? queryPattern = null)
    {
        Method = method.ToUpperInvariant();
        KeyPattern = keyPattern;
        Kind = kind;
        StallFor = stallFor ?? TimeSpan.FromSeconds(5);
        _remaining = count;
        _pattern = Glob(keyPattern);
        _query = queryPattern is null ? null : Glob(queryPattern);
    }

    static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    public string Method { get; }
    public string KeyPattern { get; }
    public S3FaultKind Kind { get; }
    public TimeSpan StallFor { get; }

    /// <summary>How many requests this rule has caught so far.</summary>
    public int Served => Volatile.Read(ref _served);

    public int Remaining => Volatile.Read(ref _remaining);

    public bool Matches(string method, string key, string query) =>
        (Method == "*" || Method == method) && _pattern.IsMatch(key) && (_query is null || _query.IsMatch(query));

    /// <summary>Claims one use of the rule; false once it is used up.</summary>
    internal bool TryTake()
    {
        while (true)
        {
            var left = Volatile.Read(ref _remaining);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _remaining, left - 1, left) == left)
            {
                Interlocked.Increment(ref _served);
                return true;
            }
        }
    }

    public override string ToString() => $"{Kind} for {Method} {KeyPattern} ({Served} served, {Remaining} left)";
}

/// <summary>
/// A request held at the proxy until the test releases it: the test learns the worker reached a stage (the request
/// is in flight) and can act — kill the worker, say — while the stage is provably unfinished, with no timing guess.
/// </summary>
public sealed class S3RequestGate(string method, string keyPattern, bool afterForwarding, string? queryPattern = null)
{
    readonly S3FaultRule _match = new(method, keyPattern, S3FaultKind.Stall, count: 1, queryPattern: queryPattern);
    readonly TaskCompletionSource<string> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When true the request reaches storage first and the answer is held; otherwise the request is held.</summary>
    public bool AfterForwarding => afterForwarding;

    /// <summary>Completes with the caught key when a matching request arrives.</summary>
    public Task<string> Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    internal bool TryCatch(string method, string key, string query)
    {
        if (!_match.Matches(method, key, query) || !_match.TryTake()) return false;
        _reached.TrySetResult(key);
        return true;
    }

    internal Task WaitForReleaseAsync(CancellationToken cancellationToken) => _released.Task.WaitAsync(cancellationToken);

    public override string ToString() => $"gate on {method} {keyPattern}{(afterForwarding ? " (after forwarding)" : "")}";
}
