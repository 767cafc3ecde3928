namespace ImportOperator.Engine.Schema;

/// <summary>What happens to rows with error-level messages when the import finishes.</summary>
public static class InvalidDataBehaviors
{
    /// <summary>Rows with any error are left out of the result data (the default).</summary>
    public const string RemoveInvalidRows = "REMOVE_INVALID_ROWS";
    /// <summary>Any error stops the import for a person: NEEDS_REVIEW, reason ValidationErrors.</summary>
    public const string BlockSubmit = "BLOCK_SUBMIT";
    /// <summary>All rows are in the result data; their problems are in the metadata.</summary>
    public const string IncludeInvalidRows = "INCLUDE_INVALID_ROWS";

    public static readonly IReadOnlyList<string> All = [RemoveInvalidRows, BlockSubmit, IncludeInvalidRows];
}
