using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>
/// All objects of all kinds, with one global resourceVersion counter, the bounded event history that watches
/// resume from, and the open watches. One lock guards everything: a test server values obvious correctness
/// (a watcher registers and catches up atomically) over throughput.
/// </summary>
public sealed partial class ObjectStore
{
    readonly object _gate = new();
    readonly ResourceRegistry _registry;
    readonly int _historyWindow;
    readonly TimeProvider _clock;
    readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new();
    readonly Dictionary<string, (ResourceType Type, string Key)> _byUid = new();
    readonly LinkedList<StoredEvent> _history = new();
    readonly List<WatchSubscription> _watches = new();
    long _resourceVersion = 1;
    long _compactedThrough;

    public ObjectStore(ResourceRegistry registry, int historyWindow, TimeProvider? clock = null)
    {
        _registry = registry;
        _historyWindow = historyWindow;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Raised after every change, outside the lock (the local Job runner listens here).</summary>
    public event Action<StoredEvent>? Changed;

    public ResourceRegistry Registry => _registry;

    public long CurrentResourceVersion { get { lock (_gate) return _resourceVersion; } }

    public int OpenWatchCount { get { lock (_gate) return _watches.Count; } }

    /// <summary>Watches ever registered: lets a test see that a client came back after a kill, whatever it counts itself.</summary>
    public long WatchesRegistered { get { lock (_gate) return _watchesRegistered; } }
    long _watchesRegistered;

    static string KeyOf(string? ns, string name) => $"{ns}/{name}";

    SortedDictionary<string, JsonObject> Bucket(ResourceType type)
    {
        if (!_objects.TryGetValue(type.Key, out var bucket)) _objects[type.Key] = bucket = new(StringComparer.Ordinal);
        return bucket;
    }

    string Now() => _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    static JsonObject Meta(JsonObject obj) => obj["metadata"] as JsonObject ?? throw ApiError.BadRequest("object has no metadata");

    static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public JsonObject Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
            return Bucket(type).TryGetValue(KeyOf(ns, name), out var obj) ? obj : throw ApiError.NotFound(type, name);
    }

    public (List<JsonObject> Items, long ResourceVersion) List(ResourceType type, string? ns, Selector labels, Selector fields)
    {
        lock (_gate)
        {
            var items = new List<JsonObject>();
            foreach (var obj in Bucket(type).Values)
            {
                if (ns is not null && Str(obj["metadata"]?["namespace"]) != ns) continue;
                if (labels.Matches(obj) && fields.Matches(obj)) items.Add(obj);
            }
            return (items, _resourceVersion);
        }
    }

    public JsonObject Create(ResourceType type, string? ns, JsonObject body, FieldValidation? fieldValidation = null)
    {
        StoredEvent e;
        lock (_gate)
        {
            var obj = (JsonObject)body.DeepClone();
            var meta = obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());
            var name = Str(meta["name"]);
            if (string.IsNullOrEmpty(name))
            {
                var prefix = Str(meta["generateName"]);
                if (string.IsNullOrEmpty(prefix))
                    throw ApiError.Invalid(type, "", [("metadata.name", "Required value: name or generateName is required")]);
                name = prefix + RandomSuffix();
                meta["name"] = name;
            }
            if (type.Namespaced)
            {
                var bodyNs = Str(meta["namespace"]);
                if (bodyNs is not null && bodyNs.Length > 0 && bodyNs != ns)
                    throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
                meta["namespace"] = ns;
                if (!Bucket(NamespaceType).ContainsKey(KeyOf(null, ns!))) throw ApiError.NamespaceNotFound(ns!);
            }
            else meta.Remove("namespace");

            var bucket = Bucket(type);
            var key = KeyOf(type.Namespaced ? ns : null, name);
            if (bucket.ContainsKey(key)) throw ApiError.AlreadyExists(type, name);

            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            if (type.HasStatusSubresource) obj.Remove("status");
            if (type.Plural == "namespaces" && type.Group.Length == 0) obj["status"] = new JsonObject { ["phase"] = "Active" };
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Now();
            meta.Remove("deletionTimestamp");
            meta.Remove("deletionGracePeriodSeconds");
            if (type.TracksGeneration) meta["generation"] = 1; else meta.Remove("generation");
            Validate(type, name, obj, null, fieldValidation);
            if (type.Group == "apiextensions.k8s.io") _registry.RegisterCrd(obj);

            meta["resourceVersion"] = Next();
            bucket[key] = obj;
            _byUid[Str(meta["uid"])!] = (type, key);
            e = Record(type, "ADDED", obj, null);
        }
        Changed?.Invoke(e);
        return e.Object;
    }

    /// <summary>PUT: replaces the object (or, for the status subresource, only its status).</summary>
    public JsonObject Update(ResourceType type, string? ns, string name, JsonObject body, bool statusOnly, FieldValidation? fieldValidation = null)
    {
        List<StoredEvent> events = [];
        JsonObject result;
        lock (_gate)
        {
            var current = Get(type, ns, name);
            var bodyName = Str(body["metadata"]?["name"]);
            if (bodyName is not null && bodyName != name)
                throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            var rv = Str(body["metadata"]?["resourceVersion"]);
            if (string.IsNullOrEmpty(rv) && type.IsCustom)
                throw ApiError.Invalid(type, name, [("metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")]);
            result = ApplyUpdate(type, current, body, statusOnly, rv, events, fieldValidation);
        }
        foreach (var e in events) Changed?.Invoke(e);
        return result;
    }

    /// <summary>PATCH: computes the patched object from the current one and then writes it as an update would.</summary>
    public JsonObject Patch(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> patch, bool statusOnly, FieldValidation? fieldValidation = null)
    {
        List<StoredEvent> events = [];
        JsonObject result;
        lock (_gate)
        {
            var current = Get(type, ns, name);
            var patched = patch(current);
            if (Str(patched["metadata"]?["name"]) != name)
                throw ApiError.BadRequest("the name of the object cannot be changed by a patch");
            // A resourceVersion carried by the patch is a precondition; otherwise the patch applies to the current version.
            var rv = Str(patched["metadata"]?["resourceVersion"]);
            result = ApplyUpdate(type, current, patched, statusOnly, rv, events, fieldValidation);
        }
        foreach (var e in events) Changed?.Invoke(e);
        return result;
    }

    JsonObject ApplyUpdate(ResourceType type, JsonObject current, JsonObject body, bool statusOnly, string? expectedRv, List<StoredEvent> events, FieldValidation? fieldValidation)
    {
        var currentMeta = Meta(current);
        var name = Str(currentMeta["name"])!;
        if (!string.IsNullOrEmpty(expectedRv) && expectedRv != Str(currentMeta["resourceVersion"]))
            throw ApiError.Conflict(type, name);

        JsonObject next;
        if (statusOnly)
        {
            next = (JsonObject)current.DeepClone();
            if (body["status"] is { } status) next["status"] = status.DeepClone(); else next.Remove("status");
        }
        else
        {
            next = (JsonObject)body.DeepClone();
            if (type.HasStatusSubresource)
            {
                if (current["status"] is { } status) next["status"] = status.DeepClone(); else next.Remove("status");
            }
            var meta = next["metadata"] as JsonObject ?? (JsonObject)(next["metadata"] = new JsonObject());
            foreach (var kept in (string[])["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"])
            {
                if (currentMeta[kept] is { } value) meta[kept] = value.DeepClone(); else meta.Remove(kept);
            }
            if (currentMeta["deletionTimestamp"] is not null)
            {
                var before = Finalizers(current);
                foreach (var f in Finalizers(next))
                    if (!before.Contains(f))
                        throw ApiError.Invalid(type, name, [("metadata.finalizers", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{\"{f}\"}}")]);
            }
        }
        next["apiVersion"] = type.ApiVersion;
        next["kind"] = type.Kind;
        Validate(type, name, next, current, fieldValidation);

        var nextMeta = Meta(next);
        nextMeta["resourceVersion"] = currentMeta["resourceVersion"]!.DeepClone();
        if (type.TracksGeneration && SpecChanged(type, current, next))
            nextMeta["generation"] = ReadLong(currentMeta["generation"], 1) + 1;
        if (JsonNode.DeepEquals(current, next)) return current; // A no-op write changes nothing, not even resourceVersion.

        var key = KeyOf(type.Namespaced ? Str(currentMeta["namespace"]) : null, name);
        if (nextMeta["deletionTimestamp"] is not null && Finalizers(next).Count == 0)
        {
            RemoveLocked(type, key, next, orphan: false, events);
            return next;
        }
        nextMeta["resourceVersion"] = Next();
        Bucket(type)[key] = next;
        events.Add(Record(type, "MODIFIED", next, current));
        return next;
    }

    /// <summary>Generation moves on spec changes: anything outside metadata (and outside status when it is a subresource).</summary>
    static bool SpecChanged(ResourceType type, JsonObject before, JsonObject after)
    {
        var names = new HashSet<string>();
        foreach (var (k, _) in before) names.Add(k);
        foreach (var (k, _) in after) names.Add(k);
        foreach (var k in names)
        {
            if (k is "metadata" or "apiVersion" or "kind") continue;
            if (k == "status" && type.HasStatusSubresource) continue;
            if (!JsonNode.DeepEquals(before[k], after[k])) return true;
        }
        return false;
    }

    static List<string> Finalizers(JsonObject obj)
    {
        var list = new List<string>();
        if (obj["metadata"]?["finalizers"] is JsonArray array)
            foreach (var f in array) if (Str(f) is { } s) list.Add(s);
        return list;
    }

    void Validate(ResourceType type, string name, JsonObject obj, JsonObject? old, FieldValidation? fieldValidation)
    {
        if (type.Validator is null) return;
        var pruned = new List<string>();
        var errors = type.Validator.ValidateAndPrune(obj, old, pruned);
        // As in kube-apiserver, a strict decoding error comes before (and instead of) validation errors.
        fieldValidation?.OnPruned(type, pruned);
        if (errors.Count > 0) throw ApiError.Invalid(type, name, errors.Select(e => (e.Path, e.Message)));
    }

    /// <summary>DELETE: marks the object for deletion while finalizers remain, removes it when none do.</summary>
    public JsonObject Delete(ResourceType type, string? ns, string name, JsonObject? options)
    {
        List<StoredEvent> events = [];
        JsonObject result;
        lock (_gate)
        {
            var current = Get(type, ns, name);
            var meta = Meta(current);
            var preconditions = options?["preconditions"];
            if (Str(preconditions?["resourceVersion"]) is { } rv && rv != Str(meta["resourceVersion"])) throw ApiError.Conflict(type, name);
            if (Str(preconditions?["uid"]) is { } uid && uid != Str(meta["uid"])) throw ApiError.Conflict(type, name);
            var orphan = Str(options?["propagationPolicy"]) == "Orphan" || options?["orphanDependents"]?.GetValue<bool>() == true;
            var key = KeyOf(type.Namespaced ? ns : null, name);
            if (Finalizers(current).Count > 0)
            {
                if (meta["deletionTimestamp"] is not null) return current;
                var next = (JsonObject)current.DeepClone();
                var nextMeta = Meta(next);
                nextMeta["deletionTimestamp"] = Now();
                nextMeta["deletionGracePeriodSeconds"] = 0;
                // As the real server does on graceful deletion: the start of deletion is a change controllers must see.
                if (type.TracksGeneration) nextMeta["generation"] = ReadLong(meta["generation"], 1) + 1;
                nextMeta["resourceVersion"] = Next();
                Bucket(type)[key] = next;
                events.Add(Record(type, "MODIFIED", next, current));
                result = next;
            }
            else result = RemoveLocked(type, key, current, orphan, events);
        }
        foreach (var e in events) Changed?.Invoke(e);
        return result;
    }

    JsonObject RemoveLocked(ResourceType type, string key, JsonObject obj, bool orphan, List<StoredEvent> events)
    {
        var deleted = (JsonObject)obj.DeepClone();
        Meta(deleted)["resourceVersion"] = Next();
        Bucket(type).Remove(key);
        var uid = Str(Meta(deleted)["uid"])!;
        _byUid.Remove(uid);
        events.Add(Record(type, "DELETED", deleted, obj));
        if (type.Group == "apiextensions.k8s.io") _registry.Unregister(deleted);
        if (type.Group.Length == 0 && type.Plural == "namespaces") DeleteNamespaceContentsLocked(Str(Meta(deleted)["name"])!, events);
        CollectDependentsLocked(uid, orphan, events);
        return deleted;
    }

    void DeleteNamespaceContentsLocked(string ns, List<StoredEvent> events)
    {
        foreach (var type in _registry.All)
        {
            if (!type.Namespaced || !_objects.TryGetValue(type.Key, out var bucket)) continue;
            foreach (var (key, obj) in bucket.ToArray())
                if (Str(obj["metadata"]?["namespace"]) == ns && bucket.TryGetValue(key, out var current)) DeleteOrMarkLocked(type, key, current, events);
        }
    }

    /// <summary>Garbage collection: a dependent goes once none of its owners exist (background propagation).</summary>
    void CollectDependentsLocked(string ownerUid, bool orphan, List<StoredEvent> events)
    {
        var dependents = new List<(ResourceType Type, string Key, JsonObject Obj)>();
        foreach (var (uid, (type, key)) in _byUid)
        {
            var obj = Bucket(type)[key];
            if (obj["metadata"]?["ownerReferences"] is not JsonArray refs) continue;
            foreach (var r in refs)
                if (Str(r?["uid"]) == ownerUid) { dependents.Add((type, key, obj)); break; }
        }
        foreach (var (type, key, obj) in dependents)
        {
            var refs = (JsonArray)obj["metadata"]!["ownerReferences"]!;
            if (orphan)
            {
                var next = (JsonObject)obj.DeepClone();
                var kept = new JsonArray();
                foreach (var r in refs) if (Str(r?["uid"]) != ownerUid) kept.Add(r!.DeepClone());
                if (kept.Count == 0) Meta(next).Remove("ownerReferences"); else Meta(next)["ownerReferences"] = kept;
                Meta(next)["resourceVersion"] = Next();
                Bucket(type)[key] = next;
                events.Add(Record(type, "MODIFIED", next, obj));
                continue;
            }
            bool anyOwnerLeft = false;
            foreach (var r in refs) if (Str(r?["uid"]) is { } u && _byUid.ContainsKey(u)) anyOwnerLeft = true;
            if (anyOwnerLeft || !Bucket(type).TryGetValue(key, out var current)) continue;
            DeleteOrMarkLocked(type, key, current, events);
        }
    }

    /// <summary>Deletion by the system (GC, namespace teardown): finalizers still hold the object, as for a user's delete.</summary>
    void DeleteOrMarkLocked(ResourceType type, string key, JsonObject obj, List<StoredEvent> events)
    {
        if (Finalizers(obj).Count == 0)
        {
            RemoveLocked(type, key, obj, orphan: false, events);
            return;
        }
        if (obj["metadata"]?["deletionTimestamp"] is not null) return;
        var next = (JsonObject)obj.DeepClone();
        var meta = Meta(next);
        meta["deletionTimestamp"] = Now();
        meta["deletionGracePeriodSeconds"] = 0;
        if (type.TracksGeneration) meta["generation"] = ReadLong(meta["generation"], 1) + 1;
        meta["resourceVersion"] = Next();
        Bucket(type)[key] = next;
        events.Add(Record(type, "MODIFIED", next, obj));
    }

    static long ReadLong(JsonNode? node, long fallback) =>
        node is JsonValue v && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    ResourceType NamespaceType => _registry.Find("", "v1", "namespaces")!;

    string Next() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> chars = stackalloc char[5];
        for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        return new string(chars);
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(JsonOptions);

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
