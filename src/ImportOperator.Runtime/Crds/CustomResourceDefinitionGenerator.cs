using k8s.Models;

namespace ImportOperator.Runtime.Crds;

/// <summary>Builds an apiextensions.k8s.io/v1 CustomResourceDefinition from a descriptor and its C# root type.</summary>
public static class CustomResourceDefinitionGenerator
{
    public static V1CustomResourceDefinition Generate(CustomResourceDescriptor descriptor)
    {
        var schema = new OpenApiSchemaGenerator(descriptor.Rules).Generate(descriptor.ResourceType);
        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = descriptor.Name },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = descriptor.Group,
                Scope = descriptor.Namespaced ? "Namespaced" : "Cluster",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = descriptor.Kind,
                    ListKind = descriptor.Kind + "List",
                    Plural = descriptor.Plural,
                    Singular = descriptor.Singular ?? descriptor.Kind.ToLowerInvariant(),
                    ShortNames = descriptor.ShortNames.Count > 0 ? [.. descriptor.ShortNames] : null,
                    Categories = descriptor.Categories.Count > 0 ? [.. descriptor.Categories] : null,
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = descriptor.Version,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema },
                        Subresources = descriptor.StatusSubresource
                            ? new V1CustomResourceSubresources { Status = new Dictionary<string, object>() }
                            : null,
                        AdditionalPrinterColumns = descriptor.PrinterColumns.Count > 0
                            ? [.. descriptor.PrinterColumns.Select(ToColumn)]
                            : null,
                    },
                ],
            },
        };
    }

    private static V1CustomResourceColumnDefinition ToColumn(PrinterColumn column) => new()
    {
        Name = column.Name,
        Type = column.Type,
        JsonPath = column.JsonPath,
        Description = column.Description,
        Priority = column.Priority == 0 ? null : column.Priority,
    };
}
