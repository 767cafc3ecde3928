using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>YAML documents to JSON nodes, with plain scalars typed as YAML 1.2 core does (numbers, booleans, null).</summary>
public static class YamlJson
{
    public static JsonNode? ToJson(string yaml) => ToJsonDocuments(yaml).FirstOrDefault();

    public static List<JsonNode?> ToJsonDocuments(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var result = new List<JsonNode?>();
        foreach (var doc in stream.Documents)
            if (doc.RootNode is not YamlScalarNode { Value: null or "" }) result.Add(Convert(doc.RootNode));
        return result;
    }

    static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => MapToJson(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ScalarToJson(scalar),
        _ => null,
    };

    static JsonObject MapToJson(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children) obj[((YamlScalarNode)key).Value!] = Convert(value);
        return obj;
    }

    static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
            or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
            return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && text.Any(char.IsDigit) && !text.Contains('_'))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }
}
