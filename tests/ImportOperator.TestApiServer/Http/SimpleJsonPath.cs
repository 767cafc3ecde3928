using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Http;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>.a[0]</c> and <c>.a[?(@.type=="Ready")].status</c>.
/// </summary>
internal static class SimpleJsonPath
{
    public static JsonNode? Evaluate(JsonNode root, string path)
    {
        var p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}')) p = p[1..^1];
        if (p.StartsWith('$')) p = p[1..];
        JsonNode? node = root;
        int i = 0;
        while (i < p.Length && node is not null)
        {
            if (p[i] == '.')
            {
                int end = i + 1;
                while (end < p.Length && p[end] != '.' && p[end] != '[') end++;
                var name = p[(i + 1)..end];
                node = name.Length == 0 ? node : (node as JsonObject)?[name];
                i = end;
            }
            else if (p[i] == '[')
            {
                int end = p.IndexOf(']', i);
                if (end < 0) return null;
                var inner = p[(i + 1)..end];
                i = end + 1;
                if (node is not JsonArray array) return null;
                if (int.TryParse(inner, out var index)) node = index < array.Count ? array[index] : null;
                else if (inner.StartsWith("?(@.") && inner.EndsWith(')'))
                {
                    var condition = inner[4..^1];
                    var eq = condition.IndexOf("==", StringComparison.Ordinal);
                    if (eq < 0) return null;
                    var field = condition[..eq].Trim();
                    var expected = condition[(eq + 2)..].Trim().Trim('"', '\'');
                    node = array.FirstOrDefault(e => e?[field]?.ToString() == expected);
                }
                else return null;
            }
            else return null;
        }
        return node;
    }
}
