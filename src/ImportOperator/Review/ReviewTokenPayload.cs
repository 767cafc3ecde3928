using System.Text.Json;

namespace ImportOperator.Review;

/// <summary>
/// What a review token says: one import (namespace, name, uid) and when the link stops working. Written as compact
/// JSON <c>{"ns","name","uid","exp"}</c> with <c>exp</c> in unix seconds.
/// </summary>
internal sealed record ReviewTokenPayload(string Namespace, string Name, string Uid, long ExpiresAtUnixSeconds)
{
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(ExpiresAtUnixSeconds);

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("ns", Namespace);
            writer.WriteString("name", Name);
            writer.WriteString("uid", Uid);
            writer.WriteNumber("exp", ExpiresAtUnixSeconds);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a payload whose signature already checked out. Still strict (exactly the four properties, right types)
    /// so a key shared by mistake with another signer cannot make its tokens pass as review tokens.
    /// </summary>
    public static ReviewTokenPayload? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 4) return null;
            if (!TryString(root, "ns", out var ns) || !TryString(root, "name", out var name) || !TryString(root, "uid", out var uid)) return null;
            if (!root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var seconds)) return null;
            return new ReviewTokenPayload(ns, name, uid, seconds);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryString(JsonElement root, string property, out string value)
    {
        value = "";
        if (!root.TryGetProperty(property, out var element) || element.ValueKind != JsonValueKind.String) return false;
        value = element.GetString()!;
        return value.Length > 0;
    }
}
