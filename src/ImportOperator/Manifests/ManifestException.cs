namespace ImportOperator.Manifests;

/// <summary>A manifest cannot be used; the message names the file, the document and the field.</summary>
public sealed class ManifestException(string message) : Exception(message);
