using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Worker;

/// <summary>
/// The worker's verdict, stored last at <c>ImportObjectKeys.Summary</c> (its presence commits the results). The
/// operator copies it into the HeadlessImport's status; nothing in it is secret or a URL.
/// </summary>
public sealed class ImportSummary
{
    /// <summary>SUCCESSFUL, NEEDS_REVIEW or FAILED.</summary>
    public required string Phase { get; init; }
    public required string Reason { get; init; }
    public required string Message { get; init; }
    public required ResultMetadata ResultMetadata { get; init; }

    /// <summary>The first 100 problems, in row order.</summary>
    public List<ImportErrorEntry> ImportErrors { get; init; } = [];

    /// <summary>Warnings about the import as a whole (e.g. rows dropped past maxRecords).</summary>
    public List<string> Warnings { get; init; } = [];

    public required DateTime StartTime { get; init; }
    public required DateTime EndTime { get; init; }

    /// <summary>Size in bytes of the input that was processed.</summary>
    public long InputBytes { get; init; }
}
