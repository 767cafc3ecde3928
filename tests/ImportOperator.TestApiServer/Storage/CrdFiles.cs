using System.Text.Json.Nodes;

namespace ImportOperator.TestApiServer.Storage;

/// <summary>Reads CustomResourceDefinitions from YAML files or folders of them (other kinds in those files are skipped).</summary>
public static class CrdFiles
{
    public static IEnumerable<JsonObject> Load(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var files = Directory.Exists(path)
                ? (IEnumerable<string>)Directory.GetFiles(path, "*.yaml").Concat(Directory.GetFiles(path, "*.yml")).Order(StringComparer.Ordinal)
                : [path];
            foreach (var file in files)
                foreach (var doc in YamlJson.ToJsonDocuments(File.ReadAllText(file)))
                    if (doc is JsonObject obj && obj["kind"]?.GetValue<string>() == "CustomResourceDefinition") yield return obj;
        }
    }
}
