namespace ImportOperator.Runtime;

/// <summary>
/// Where a kind lives in the API: group, version and plural (the URL), its kind name (for owner references) and
/// whether it is namespaced. Named API groups only (custom resources, batch/v1 Jobs, ...): the runtime reaches
/// them through the generic custom-objects endpoints of KubernetesClient.
/// </summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced = true)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static readonly ResourceKind Jobs = new("batch", "v1", "jobs", "Job");
}
