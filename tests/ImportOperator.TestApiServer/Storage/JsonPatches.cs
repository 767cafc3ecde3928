using System.Globalization;
using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>JSON merge patch (RFC 7386) and JSON patch (RFC 6902), applied to a copy of the object.</summary>
public static class JsonPatches
{
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null) result.Remove(key);
            else result[key] = MergePatch(result[key], value);
        }
        return result;
    }

    public static JsonNode JsonPatch(JsonNode target, JsonArray operations)
    {
        var doc = target.DeepClone();
        foreach (var opNode in operations)
        {
            if (opNode is not JsonObject op) throw ApiError.BadRequest("json patch operation must be an object");
            var kind = op["op"]?.GetValue<string>() ?? throw ApiError.BadRequest("json patch operation without op");
            var path = op["path"]?.GetValue<string>() ?? throw ApiError.BadRequest("json patch operation without path");
            switch (kind)
            {
                case "add": doc = Add(doc, path, op["value"]?.DeepClone()); break;
                case "remove": doc = Remove(doc, path, out _); break;
                case "replace": doc = Remove(doc, path, out _); doc = Add(doc, path, op["value"]?.DeepClone()); break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), op["value"]))
                        throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    break;
                case "move":
                {
                    var from = op["from"]?.GetValue<string>() ?? throw ApiError.BadRequest("move without from");
                    doc = Remove(doc, from, out var moved);
                    doc = Add(doc, path, moved);
                    break;
                }
                case "copy":
                {
                    var from = op["from"]?.GetValue<string>() ?? throw ApiError.BadRequest("copy without from");
                    doc = Add(doc, path, Get(doc, from)?.DeepClone());
                    break;
                }
                default: throw ApiError.BadRequest($"unknown json patch op {kind}");
            }
        }
        return doc;
    }

    static string[] Tokens(string path)
    {
        if (path.Length == 0) return [];
        if (path[0] != '/') throw ApiError.BadRequest($"invalid json pointer {path}");
        var parts = path[1..].Split('/');
        for (int i = 0; i < parts.Length; i++) parts[i] = parts[i].Replace("~1", "/").Replace("~0", "~");
        return parts;
    }

    static JsonNode? Get(JsonNode? doc, string path)
    {
        foreach (var token in Tokens(path))
        {
            doc = doc switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: path {path} does not exist"),
            };
        }
        return doc;
    }

    static JsonNode? Parent(JsonNode doc, string[] tokens, string path)
    {
        JsonNode? node = doc;
        for (int i = 0; i < tokens.Length - 1; i++)
        {
            node = node switch
            {
                JsonObject o when o[tokens[i]] is { } child => child,
                JsonArray a when int.TryParse(tokens[i], NumberStyles.None, CultureInfo.InvariantCulture, out var idx) && idx < a.Count => a[idx],
                _ => throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\""),
            };
        }
        return node;
    }

    static JsonNode Add(JsonNode doc, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0) return value ?? throw ApiError.BadRequest("cannot replace the document with null");
        var parent = Parent(doc, tokens, path);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count: a.Insert(i, value); break;
            default: throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\"");
        }
        return doc;
    }

    static JsonNode Remove(JsonNode doc, string path, out JsonNode? removed)
    {
        var tokens = Tokens(path);
        var parent = Parent(doc, tokens, path);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last): removed = o[last]; o.Remove(last); break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count: removed = a[i]; a.RemoveAt(i); break;
            default: throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: unable to remove nonexistent key: {last}: missing value");
        }
        return doc;
    }
}
