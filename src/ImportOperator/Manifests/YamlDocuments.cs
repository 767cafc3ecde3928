using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImportOperator.Manifests;

/// <summary>One YAML document turned into JSON, with where it came from (for messages).</summary>
public sealed record YamlDocument(string FileName, int Number, long Line, JsonNode? Content);

/// <summary>
/// Reads multi-document YAML into JSON nodes the way Kubernetes tools do: plain scalars resolve to null, booleans
/// and numbers (YAML 1.2 core schema), quoted scalars stay strings, anchors and aliases are expanded.
/// </summary>
public static class YamlDocuments
{
    public static IReadOnlyList<YamlDocument> Parse(string text, string fileName)
    {
        var documents = new List<YamlDocument>();
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            var number = 0;
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                number++;
                var anchors = new Dictionary<string, JsonNode?>();
                var content = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, anchors);
                parser.Consume<DocumentEnd>();
                documents.Add(new YamlDocument(fileName, number, start.Start.Line, content));
            }
            parser.Consume<StreamEnd>();
        }
        catch (YamlException e)
        {
            throw new ManifestException($"{fileName}: line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
        return documents;
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value}'");
            return target?.DeepClone();
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = Resolve(scalar);
            Remember(anchors, scalar.Anchor, value);
            return value;
        }
        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(ReadNode(parser, anchors));
            Remember(anchors, sequenceStart.Anchor, array);
            return array;
        }
        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Consume<Scalar>();
                var value = ReadNode(parser, anchors);
                if (keyEvent.Value == "<<" && value is JsonObject merge)
                {
                    foreach (var (k, v) in merge) if (!obj.ContainsKey(k)) obj[k] = v?.DeepClone();
                    continue;
                }
                if (obj.ContainsKey(keyEvent.Value))
                    throw new YamlException(keyEvent.Start, keyEvent.End, $"duplicate key '{keyEvent.Value}'");
                obj[keyEvent.Value] = value;
            }
            Remember(anchors, mappingStart.Anchor, obj);
            return obj;
        }
        throw new YamlException(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, "unexpected YAML content");
    }

    private static void Remember(Dictionary<string, JsonNode?> anchors, AnchorName anchor, JsonNode? value)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = value?.DeepClone();
    }

    private static JsonNode? Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return JsonValue.Create(real);
        return JsonValue.Create(text);
    }

    private static bool LooksLikeFloat(string text)
    {
        var digits = false;
        foreach (var ch in text)
        {
            if (char.IsDigit(ch)) digits = true;
            else if (ch is not ('.' or 'e' or 'E' or '+' or '-')) return false;
        }
        return digits;
    }
}
