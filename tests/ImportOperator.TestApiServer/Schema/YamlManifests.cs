using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace ImportOperator.TestApiServer.Schema;

/// <summary>
/// Reads YAML manifests as JSON, the way kubectl sends them: plain scalars that look like YAML 1.2 core
/// booleans, nulls and numbers become JSON ones; quoted scalars stay strings. Used to load CRDs and manifests
/// from config/ (a CRD file's JSON is what <see cref="CrdValidator.FromCrd"/> takes).
/// </summary>
public static class YamlManifests
{
    public static IReadOnlyList<JsonNode> ReadAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var documents = new List<JsonNode>();
        foreach (var document in stream.Documents)
            if (ToJson(document.RootNode) is { } node) documents.Add(node);
        return documents;
    }

    public static JsonNode ReadOne(string yaml) => ReadAll(yaml).Single();

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => ToScalar(scalar),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children) obj[((YamlScalarNode)key).Value!] = ToJson(value);
        return obj;
    }

    private static JsonNode? ToScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && char.IsAsciiDigit(text[^1]))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }
}
