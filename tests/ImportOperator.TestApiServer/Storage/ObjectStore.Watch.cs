using System.Globalization;
using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Storage;

public sealed partial class ObjectStore
{
    /// <summary>Appends a change to the history (dropping the oldest beyond the window) and hands it to open watches.</summary>
    StoredEvent Record(ResourceType type, string eventType, JsonObject obj, JsonObject? old)
    {
        var e = new StoredEvent(long.Parse(Str(obj["metadata"]!["resourceVersion"])!, CultureInfo.InvariantCulture), type, eventType, obj, old);
        _history.AddLast(e);
        while (_history.Count > _historyWindow)
        {
            _compactedThrough = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }
        foreach (var watch in _watches)
            if (ReferenceEquals(watch.Type, type) || watch.Type.Key == type.Key) Deliver(watch, e);
        return e;
    }

    static void Deliver(WatchSubscription watch, StoredEvent e)
    {
        if (watch.Translate(e) is { } seen) watch.Lines.Writer.TryWrite(EncodeEvent(seen.Type, seen.Object));
    }

    public static string EncodeEvent(string type, JsonNode obj) =>
        $"{{\"type\":\"{type}\",\"object\":{Serialize(obj)}}}\n";

    /// <summary>
    /// Opens a watch. With no resourceVersion (or "0") it starts with ADDED for every current object; with one it
    /// replays history after it, or fails with 410 Gone when that history has been compacted away.
    /// </summary>
    public WatchSubscription Watch(ResourceType type, string? ns, Selector labels, Selector fields, string? resourceVersion)
    {
        var watch = new WatchSubscription(type, ns, labels, fields);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var obj in Bucket(type).Values)
                    if (watch.MatchesCurrent(obj)) watch.Lines.Writer.TryWrite(EncodeEvent("ADDED", obj));
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                    throw ApiError.BadRequest($"invalid resource version \"{resourceVersion}\"");
                if (from < _compactedThrough)
                    throw ApiError.Gone($"too old resource version: {from} ({_compactedThrough + 1})");
                foreach (var e in _history)
                    if (e.ResourceVersion > from && e.Type.Key == type.Key) Deliver(watch, e);
            }
            _watches.Add(watch);
            _watchesRegistered++;
        }
        return watch;
    }

    public void Unwatch(WatchSubscription watch)
    {
        lock (_gate) _watches.Remove(watch);
        watch.Lines.Writer.TryComplete();
    }

    /// <summary>A bookmark line when nothing is queued for the watcher, so it can only move its position forward safely.</summary>
    public string? BookmarkIfIdle(WatchSubscription watch)
    {
        lock (_gate)
        {
            if (watch.Lines.Reader.Count > 0) return null;
            var bookmark = new JsonObject
            {
                ["kind"] = watch.Type.Kind,
                ["apiVersion"] = watch.Type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture) },
            };
            return EncodeEvent("BOOKMARK", bookmark);
        }
    }

    /// <summary>Forgets all history: a watch from any resourceVersion before now gets 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedThrough = _resourceVersion;
        }
    }

    public int HistoryCount { get { lock (_gate) return _history.Count; } }
}
