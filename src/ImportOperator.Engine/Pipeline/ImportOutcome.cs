using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>How an import ended, as the engine sees it (the status mapper turns it into phases).</summary>
public enum OutcomePhase { Successful, NeedsReview, Failed }

/// <summary>One problem found in the data (metadata.errors, status.importErrors).</summary>
/// <param name="RowIndex">0-based index of the data row.</param>
/// <param name="FieldKey">The field, or null for a problem with the whole row.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Level">error, warning or info.</param>
/// <param name="Value">The cell's raw value as read (text, or an array for manyToOne).</param>
public sealed record ImportIssue(long RowIndex, string? FieldKey, string Message, MessageLevel Level, CellValue Value);

/// <summary>The result of running the pipeline: phase, reason, message, counts and the first problems.</summary>
public sealed class ImportOutcome
{
    /// <summary>How many problems the status carries (the contract's "first 100").</summary>
    public const int MaxIssuesInStatus = 100;

    public required OutcomePhase Phase { get; init; }
    public required string Reason { get; init; }
    public required string Message { get; init; }
    public long NumDataRows { get; init; }
    public long NumValidRows { get; init; }
    public long NumInvalidRows { get; init; }
    public long NumResultRows { get; init; }

    /// <summary>The first problems in row order (at most <see cref="MaxIssuesInStatus"/>).</summary>
    public IReadOnlyList<ImportIssue> FirstIssues { get; init; } = [];

    /// <summary>Warnings about the import as a whole (e.g. rows dropped past maxRecords).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What hooks wrote to the console.</summary>
    public IReadOnlyList<string> HookLog { get; init; } = [];

    /// <summary>Paths of the results written (always both files, possibly with no rows).</summary>
    public required string DataPath { get; init; }
    public required string MetadataPath { get; init; }
}
