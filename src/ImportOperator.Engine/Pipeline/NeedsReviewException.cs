namespace ImportOperator.Engine.Pipeline;

/// <summary>The import cannot finish alone but a person can finish it (NEEDS_REVIEW with this reason).</summary>
internal sealed class NeedsReviewException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
