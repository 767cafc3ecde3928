namespace ImportOperator.TestApiServer.Storage;

/// <summary>The built-in kinds the operator and its tests use, as the real server serves them.</summary>
internal static class BuiltInTypes
{
    public static IEnumerable<ResourceType> All()
    {
        yield return new() { Group = "", Version = "v1", Plural = "namespaces", Kind = "Namespace", Namespaced = false, ShortNames = ["ns"], HasStatusSubresource = true };
        yield return new() { Group = "", Version = "v1", Plural = "secrets", Kind = "Secret", Namespaced = true };
        yield return new() { Group = "", Version = "v1", Plural = "configmaps", Kind = "ConfigMap", Namespaced = true, ShortNames = ["cm"] };
        yield return new() { Group = "", Version = "v1", Plural = "events", Kind = "Event", Namespaced = true, ShortNames = ["ev"] };
        yield return new() { Group = "", Version = "v1", Plural = "serviceaccounts", Kind = "ServiceAccount", Namespaced = true, ShortNames = ["sa"] };
        yield return new() { Group = "", Version = "v1", Plural = "pods", Kind = "Pod", Namespaced = true, ShortNames = ["po"], HasStatusSubresource = true, TracksGeneration = true, ExtraSubresources = ["log"] };
        yield return new() { Group = "batch", Version = "v1", Plural = "jobs", Kind = "Job", Namespaced = true, HasStatusSubresource = true, TracksGeneration = true };
        yield return new() { Group = "coordination.k8s.io", Version = "v1", Plural = "leases", Kind = "Lease", Namespaced = true };
        yield return new() { Group = "events.k8s.io", Version = "v1", Plural = "events", Kind = "Event", Namespaced = true, ShortNames = ["ev"] };
        yield return new() { Group = "apiextensions.k8s.io", Version = "v1", Plural = "customresourcedefinitions", Kind = "CustomResourceDefinition", Namespaced = false, ShortNames = ["crd", "crds"], HasStatusSubresource = true, TracksGeneration = true };
    }
}
