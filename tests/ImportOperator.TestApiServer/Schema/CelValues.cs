using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Schema;

/// <summary>Converts JSON to the values the Cel package evaluates: maps, lists, int64, double, string, bool, null.</summary>
internal static class CelValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => FromObject(obj),
        JsonArray array => FromArray(array),
        JsonValue value => FromValue(value),
        _ => throw new ArgumentException($"Unexpected JSON node {node.GetType().Name}."),
    };

    private static Dictionary<string, object?> FromObject(JsonObject obj)
    {
        var map = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
        foreach (var (key, child) in obj) map[key] = From(child);
        return map;
    }

    private static List<object?> FromArray(JsonArray array)
    {
        var list = new List<object?>(array.Count);
        foreach (var item in array) list.Add(From(item));
        return list;
    }

    private static object? FromValue(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        // JSON has one number type; CEL has int and double. Integral values are ints, as Kubernetes reads them.
        JsonValueKind.Number => Number(value),
        var kind => throw new ArgumentException($"Unexpected JSON value kind {kind}."),
    };

    /// <summary>The number as int64 when it is integral, else as double (whatever CLR type backs the node).</summary>
    public static object Number(JsonValue value)
    {
        var element = value.TryGetValue(out JsonElement backing) ? backing : JsonSerializer.SerializeToElement(value);
        return element.TryGetInt64(out var integer) ? (object)integer : element.GetDouble();
    }
}
