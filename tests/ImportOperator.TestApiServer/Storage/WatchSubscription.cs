using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>One open watch: its filter and the queue of encoded events waiting to be written to the stream.</summary>
public sealed class WatchSubscription(ResourceType type, string? ns, Selector labels, Selector fields)
{
    public ResourceType Type { get; } = type;
    /// <remarks>Not SingleReader: that channel's reader cannot count, and the idle-bookmark check needs Count (it threw,
    /// and Kestrel cut every idle watch after one bookmark interval).</remarks>
    public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>();

    bool Matches(JsonObject? obj) =>
        obj is not null
        && (ns is null || (obj["metadata"]?["namespace"]?.GetValue<string>() ?? "") == ns)
        && labels.Matches(obj) && fields.Matches(obj);

    /// <summary>
    /// The event this watcher sees, as the real server filters: an object entering the selection is ADDED,
    /// one leaving it is DELETED.
    /// </summary>
    public (string Type, JsonObject Object)? Translate(StoredEvent e)
    {
        bool now = Matches(e.Object), before = Matches(e.OldObject);
        return e.EventType switch
        {
            "ADDED" => now ? ("ADDED", e.Object) : null,
            "DELETED" => now ? ("DELETED", e.Object) : null,
            _ when now && before => ("MODIFIED", e.Object),
            _ when now => ("ADDED", e.Object),
            _ when before => ("DELETED", e.Object),
            _ => null,
        };
    }

    public bool MatchesCurrent(JsonObject obj) => Matches(obj);
}
