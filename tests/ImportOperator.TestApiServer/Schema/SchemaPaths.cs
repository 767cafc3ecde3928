namespace ImportOperator.TestApiServer.Schema;

/// <summary>Field paths written as the API server writes them: <c>spec.fields[0].key</c>.</summary>
internal static class SchemaPaths
{
    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    public static string Key(string path, string key) => $"{path}[{key}]";

    /// <summary>Appends a rule's relative fieldPath (e.g. <c>.fields</c>) to the node it sits on.</summary>
    public static string Relative(string path, string? fieldPath) =>
        string.IsNullOrEmpty(fieldPath) ? path : path.Length == 0 ? fieldPath.TrimStart('.') : path + fieldPath;
}
