namespace ImportOperator.Runtime.Tests.Support;

/// <summary>Paths in the repository the tests run from (found by walking up to ImportOperator.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The generated CRDs, as users install them.</summary>
    public static string CrdFolder => Path.Combine(Root, "config", "crd");

    /// <summary>The example resources, a kustomize base (its kustomization.yaml is not a resource).</summary>
    public static string SamplesFolder => Path.Combine(Root, "config", "samples");

    /// <summary>The sample manifests themselves, in name order, without kustomization.yaml.</summary>
    public static IReadOnlyList<string> SampleManifests() =>
        [.. Directory.GetFiles(SamplesFolder, "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal)];

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ImportOperator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ImportOperator.sln not found above " + AppContext.BaseDirectory);
    }
}
