using System.Text.Json.Nodes;
using ImportOperator.TestApiServer.Schema;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>YAML documents to JSON nodes for the server's own use (CRD files, YAML bodies); one reading, <see cref="YamlManifests"/>'.</summary>
public static class YamlJson
{
    public static JsonNode? ToJson(string yaml) => YamlManifests.ReadAll(yaml).FirstOrDefault();

    public static List<JsonNode?> ToJsonDocuments(string yaml) => [.. YamlManifests.ReadAll(yaml)];
}
