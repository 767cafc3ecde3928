using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ImportOperator.Api.V1Alpha1;

/// <summary>A reference to an ImportSchema in the same namespace.</summary>
public sealed class SchemaReference
{
    [Required, MinLength(1)]
    [Description("Name of an ImportSchema in the import's namespace.")]
    public string Name { get; set; } = "";
}
