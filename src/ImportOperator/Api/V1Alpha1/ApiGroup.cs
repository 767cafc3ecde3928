namespace ImportOperator.Api.V1Alpha1;

/// <summary>The API group and version of the project's custom resources.</summary>
public static class ApiGroup
{
    public const string Group = "importoperator.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    /// <summary>The kubectl category both kinds belong to (<c>kubectl get imports</c>).</summary>
    public const string Category = "imports";
}
