using k8s.Models;

namespace ImportOperator.Runtime.Crds;

/// <summary>
/// The schema of the standard <c>metav1.Condition</c> (the one every Kubernetes API uses), so that status
/// conditions are validated exactly as for built-in resources, and listed as a map keyed by <c>type</c>.
/// </summary>
internal static class ConditionSchema
{
    public static V1JSONSchemaProps List(string? description) => new()
    {
        Description = description,
        Type = "array",
        Items = Item(),
        XKubernetesListType = "map",
        XKubernetesListMapKeys = ["type"],
    };

    private static V1JSONSchemaProps Item() => new()
    {
        Description = "Condition contains details for one aspect of the current state of this API resource.",
        Type = "object",
        Required = ["lastTransitionTime", "message", "reason", "status", "type"],
        Properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
        {
            ["lastTransitionTime"] = new()
            {
                Description = "When the condition last changed from one status to another.",
                Type = "string",
                Format = "date-time",
            },
            ["message"] = new()
            {
                Description = "A human-readable message with details about the transition; may be empty.",
                Type = "string",
                MaxLength = 32768,
            },
            ["observedGeneration"] = new()
            {
                Description = "The .metadata.generation the condition was set for.",
                Type = "integer",
                Format = "int64",
                Minimum = 0,
            },
            ["reason"] = new()
            {
                Description = "A programmatic identifier (CamelCase) of the reason for the last transition.",
                Type = "string",
                MinLength = 1,
                MaxLength = 1024,
                Pattern = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
            },
            ["status"] = new()
            {
                Description = "Status of the condition: True, False or Unknown.",
                Type = "string",
                EnumProperty = ["True", "False", "Unknown"],
            },
            ["type"] = new()
            {
                Description = "Type of the condition, in CamelCase (e.g. Ready).",
                Type = "string",
                MaxLength = 316,
                Pattern = @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
            },
        },
    };
}
