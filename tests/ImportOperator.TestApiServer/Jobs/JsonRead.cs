using System.Globalization;
using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Jobs;

/// <summary>Lenient reads of Job and Pod fields: a missing or mistyped field reads as absent, never throws.</summary>
internal static class JsonRead
{
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Long(JsonNode? node) =>
        node is JsonValue v && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    public static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(Str).OfType<string>()] : [];

    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
            foreach (var (k, v) in obj) if (Str(v) is { } s) map[k] = s;
        return map;
    }

    /// <summary>RFC 3339 in whole seconds, as Kubernetes writes metav1.Time.</summary>
    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
