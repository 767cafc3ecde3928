using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>
/// A parsed label selector (<c>a=b,c!=d,e in (f,g),h notin (i),j,!k</c>) or a field selector limited to
/// metadata.name and metadata.namespace, as list and watch accept them.
/// </summary>
public sealed class Selector
{
    enum Op { Equals, NotEquals, In, NotIn, Exists, NotExists }
    sealed record Requirement(string Key, Op Op, string[] Values);

    readonly List<Requirement> _requirements = [];
    readonly bool _isField;

    Selector(bool isField) => _isField = isField;

    public static readonly Selector Everything = new(false);

    public static Selector ParseLabels(string? text) => Parse(text, false);

    public static Selector ParseFields(string? text)
    {
        var selector = Parse(text, true);
        foreach (var r in selector._requirements)
            if (r.Key is not ("metadata.name" or "metadata.namespace"))
                throw ApiError.BadRequest($"field label not supported: {r.Key}");
        return selector;
    }

    static Selector Parse(string? text, bool isField)
    {
        var selector = new Selector(isField);
        if (string.IsNullOrWhiteSpace(text)) return selector;
        foreach (var raw in SplitTopLevel(text))
        {
            var part = raw.Trim();
            if (part.Length == 0) continue;
            int notIn = part.IndexOf(" notin ", StringComparison.Ordinal), inAt = part.IndexOf(" in ", StringComparison.Ordinal);
            if (notIn > 0) selector._requirements.Add(new(part[..notIn].Trim(), Op.NotIn, SetValues(part[(notIn + 7)..])));
            else if (inAt > 0) selector._requirements.Add(new(part[..inAt].Trim(), Op.In, SetValues(part[(inAt + 4)..])));
            else if (part.Contains("!=")) { var i = part.IndexOf("!=", StringComparison.Ordinal); selector._requirements.Add(new(part[..i].Trim(), Op.NotEquals, [part[(i + 2)..].Trim()])); }
            else if (part.Contains("==")) { var i = part.IndexOf("==", StringComparison.Ordinal); selector._requirements.Add(new(part[..i].Trim(), Op.Equals, [part[(i + 2)..].Trim()])); }
            else if (part.Contains('=')) { var i = part.IndexOf('='); selector._requirements.Add(new(part[..i].Trim(), Op.Equals, [part[(i + 1)..].Trim()])); }
            else if (part.StartsWith('!')) selector._requirements.Add(new(part[1..].Trim(), Op.NotExists, []));
            else selector._requirements.Add(new(part, Op.Exists, []));
        }
        return selector;
    }

    static string[] SetValues(string text)
    {
        text = text.Trim();
        if (!text.StartsWith('(') || !text.EndsWith(')')) throw ApiError.BadRequest($"unable to parse requirement: {text}");
        return text[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    static IEnumerable<string> SplitTopLevel(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0) { yield return text[start..i]; start = i + 1; }
        }
        yield return text[start..];
    }

    public bool IsEmpty => _requirements.Count == 0;

    public bool Matches(JsonObject obj)
    {
        if (_requirements.Count == 0) return true;
        var metadata = obj["metadata"] as JsonObject;
        foreach (var r in _requirements)
        {
            string? value = _isField
                ? (r.Key == "metadata.name" ? metadata?["name"]?.GetValue<string>() : metadata?["namespace"]?.GetValue<string>() ?? "")
                : (metadata?["labels"] as JsonObject)?[r.Key]?.GetValue<string>();
            bool ok = r.Op switch
            {
                Op.Equals => value == r.Values[0],
                Op.NotEquals => value != r.Values[0],
                Op.In => value is not null && r.Values.Contains(value),
                Op.NotIn => value is null || !r.Values.Contains(value),
                Op.Exists => value is not null,
                Op.NotExists => value is null,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
