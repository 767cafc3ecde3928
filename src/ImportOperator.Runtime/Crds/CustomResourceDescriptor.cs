namespace ImportOperator.Runtime.Crds;

/// <summary>
/// Everything about a custom resource that is not in its C# type: names, scope, printer columns and rules.
/// <see cref="ResourceType"/> is the root type (apiVersion, kind, metadata, spec, status).
/// </summary>
public sealed record CustomResourceDescriptor
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Kind { get; init; }
    public required string Plural { get; init; }
    public required Type ResourceType { get; init; }

    /// <summary>Lower-case kind unless given.</summary>
    public string? Singular { get; init; }
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public bool Namespaced { get; init; } = true;

    /// <summary>Serve status as a subresource: spec writes then ignore status and the reverse.</summary>
    public bool StatusSubresource { get; init; } = true;
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>CEL rules for types that cannot carry <see cref="KubeValidationAttribute"/> themselves.</summary>
    public SchemaRules Rules { get; init; } = new();

    /// <summary>The CRD's name: plural.group.</summary>
    public string Name => $"{Plural}.{Group}";
}
