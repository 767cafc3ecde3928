namespace ImportOperator.Runtime.Crds;

/// <summary>A column of <c>kubectl get</c> (additionalPrinterColumns).</summary>
/// <param name="Type">OpenAPI type of the column: string, integer, number, boolean or date.</param>
/// <param name="JsonPath">A JSONPath into the object, e.g. <c>.status.phase</c>.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string? Description = null, int Priority = 0)
{
    /// <summary>The conventional Age column (kubectl shows the time since creation).</summary>
    public static PrinterColumn Age { get; } = new("Age", "date", ".metadata.creationTimestamp");
}
