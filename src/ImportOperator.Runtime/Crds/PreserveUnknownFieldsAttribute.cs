namespace ImportOperator.Runtime.Crds;

/// <summary>
/// Marks a class or property whose content is free-form: the API server keeps every field under it
/// (<c>x-kubernetes-preserve-unknown-fields: true</c>) instead of pruning what the schema does not declare.
/// JsonObject and JsonNode get this without the attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
