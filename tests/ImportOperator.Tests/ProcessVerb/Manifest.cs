namespace ImportOperator.Tests.ProcessVerb;

/// <summary>Small HeadlessImport manifests for tests: inline fields (YAML flow text) and optional settings.</summary>
public static class Manifest
{
    public static string Import(string fields, string? settings = null, string? hooks = null, string input = "originalFilename: data.csv") => $"""
        apiVersion: importoperator.io/v1alpha1
        kind: HeadlessImport
        metadata: {"{"}name: test-import, namespace: tests{"}"}
        spec:
          {input}
          settings: {settings ?? "{importIdentifier: tests}"}
          fields:
        {Indent(fields, 4)}
        {(hooks is null ? "" : "  hooks:\n" + Indent(hooks, 4))}
        """;

    public static string Indent(string text, int spaces) =>
        string.Join("\n", text.Trim('\n').Split('\n').Select(line => new string(' ', spaces) + line.TrimEnd()));
}
