using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Results;
using ImportOperator.Imports;

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

    /// <summary>The engine's outcome as the status will show it: the same mapping as <see cref="ImportStatusMapper.FromOutcome"/>.</summary>
    public static ImportSummary FromOutcome(ImportOutcome outcome, DateTime start, DateTime end, long inputBytes) => new()
    {
        Phase = ImportStatusMapper.PhaseOf(outcome.Phase),
        Reason = outcome.Reason,
        Message = outcome.Message,
        ResultMetadata = ImportStatusMapper.CountsOf(outcome),
        ImportErrors = ImportStatusMapper.ErrorsOf(outcome),
        Warnings = [.. outcome.Warnings],
        StartTime = start,
        EndTime = end,
        InputBytes = inputBytes,
    };

    /// <summary>A FAILED verdict for an import whose spec (or schema) is invalid: nothing was read.</summary>
    public static ImportSummary Invalid(string reason, string message, DateTime start, DateTime end) => new()
    {
        Phase = ImportPhases.Failed,
        Reason = reason,
        Message = message,
        ResultMetadata = new ResultMetadata(),
        StartTime = start,
        EndTime = end,
    };

    /// <summary>The stored form (indented JSON with the API's options); <see cref="ReadAsync"/> reads it back.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, ApiJson.Indented);

    /// <summary>Reads a stored summary (what the operator does with <c>ResultsCommitter.TryOpenSummaryAsync</c>).</summary>
    /// <exception cref="JsonException">The content is not a summary.</exception>
    public static async ValueTask<ImportSummary> ReadAsync(Stream json, CancellationToken cancellationToken = default) =>
        await JsonSerializer.DeserializeAsync<ImportSummary>(json, ApiJson.Options, cancellationToken).ConfigureAwait(false)
        ?? throw new JsonException("The summary is the JSON literal null.");
}
