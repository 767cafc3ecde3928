namespace ImportOperator.Runtime.Informers;

/// <summary>How an informer lists and watches.</summary>
public sealed class InformerOptions
{
    /// <summary>Watch only this namespace (null: all namespaces).</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    /// <summary>Asked of the server on each watch, so streams end and restart regularly even through silent proxies.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay before reconnecting after a failed watch or list; doubles up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
