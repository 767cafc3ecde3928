using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Worker;

/// <summary>
/// What the operator hands the processing Job, stored at <c>ImportObjectKeys.Request</c> when the import becomes
/// PENDING: the HeadlessImport as it was then, and the ImportSchema its schemaRef named (null for inline fields).
/// Freezing both in storage means a schema edited while the Job runs cannot change this import, and the worker
/// needs no access to the Kubernetes API at all.
/// </summary>
public sealed class WorkerRequest
{
    /// <summary>The import (metadata name, namespace, uid and generation, and the whole spec).</summary>
    public required HeadlessImport Import { get; init; }

    /// <summary>The schema named by <c>spec.schemaRef</c>, as it was when the import became PENDING.</summary>
    public ImportSchema? Schema { get; init; }

    /// <summary>When to process a large input as chunks in parallel (Processing:* settings); null: always whole.</summary>
    public WorkerSplitSettings? Split { get; init; }

    /// <summary>The name the operator stores <c>spec.initialData</c> under (a JSON array of the rows) as the input.</summary>
    public const string InitialDataFileName = "initialData.json";

    /// <summary>The file name of the import's input key: <c>originalFilename</c>, or <see cref="InitialDataFileName"/>.</summary>
    public static string InputFileNameOf(HeadlessImport import) => import.Spec.OriginalFilename ?? InitialDataFileName;
}
