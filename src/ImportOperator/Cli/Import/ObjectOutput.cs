using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using k8s;
using YamlDotNet.Serialization;

namespace ImportOperator.Cli.Import;

/// <summary><c>-o json|yaml</c>: the HeadlessImport as the API serves it, for scripts.</summary>
public static class ObjectOutput
{
    public const string Flag = "--output";
    public static readonly string[] Formats = ["json", "yaml"];

    public static void Validate(string? format)
    {
        if (format is not null && !Formats.Contains(format))
            throw new UsageException($"{Flag} {format}: unknown output format; use json or yaml.");
    }

    public static string Render(HeadlessImport import, string format)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(import))!;
        if (format == "json") return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        return new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(ToPlain(node));
    }

    /// <summary>JSON nodes as plain dictionaries, lists and scalars, which YAML writes in block style.</summary>
    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };
}
