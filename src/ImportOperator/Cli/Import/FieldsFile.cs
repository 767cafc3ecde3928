using System.Text.Json;
using System.Text.Json.Nodes;
using ImportOperator.Api;
using ImportOperator.Engine.Schema;
using ImportOperator.Manifests;

namespace ImportOperator.Cli.Import;

/// <summary>An inline schema for <c>submit --fields FILE</c>: its fields, and the settings and hooks it came with.</summary>
public sealed record FieldsFile(List<FieldDefinition> Fields, ImportSettings? Settings, HookDefinitions? Hooks)
{
    public const string Flag = "--fields";

    /// <summary>
    /// Reads YAML or JSON holding either a list of fields, an object with <c>fields</c> (and optionally
    /// <c>settings</c> and <c>hooks</c>), or a whole ImportSchema manifest (its <c>spec</c>).
    /// </summary>
    public static FieldsFile Load(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"{Flag} {path}: no such file.");
        JsonNode? content;
        try
        {
            var documents = YamlDocuments.Parse(File.ReadAllText(path), path);
            if (documents.Count != 1) throw new UsageException($"{Flag} {path}: expected one YAML document, found {documents.Count}.");
            content = documents[0].Content;
        }
        catch (ManifestException e)
        {
            throw new UsageException($"{Flag} {e.Message}");
        }
        var holder = content is JsonObject { } manifest && manifest["spec"] is JsonObject spec ? spec : content;
        return holder switch
        {
            JsonArray fields => new FieldsFile(Read<List<FieldDefinition>>(path, fields, ""), null, null),
            JsonObject { } obj when obj["fields"] is JsonArray fields => new FieldsFile(
                Read<List<FieldDefinition>>(path, fields, "fields"),
                obj["settings"] is { } settings ? Read<ImportSettings>(path, settings, "settings") : null,
                obj["hooks"] is { } hooks ? Read<HookDefinitions>(path, hooks, "hooks") : null),
            _ => throw new UsageException($"{Flag} {path}: expected a list of fields, an object with 'fields', or an ImportSchema manifest."),
        };
    }

    private static T Read<T>(string path, JsonNode node, string at)
    {
        try
        {
            return node.Deserialize<T>(ApiJson.Options) ?? throw new UsageException($"{Flag} {path}: {at} is empty.");
        }
        catch (JsonException e)
        {
            var where = JsonErrors.Describe(e);
            throw new UsageException($"{Flag} {path}: {(at.Length == 0 || where.StartsWith('(') ? "" : at + (where.StartsWith('[') ? "" : "."))}{where}");
        }
    }
}
