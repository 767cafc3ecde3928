namespace ImportOperator.Api.V1Alpha1;

/// <summary>The phases of a HeadlessImport (Dromo's status values).</summary>
public static class ImportPhases
{
    public const string AwaitingUpload = "AWAITING_UPLOAD";
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Successful = "SUCCESSFUL";
    public const string Failed = "FAILED";
    public const string NeedsReview = "NEEDS_REVIEW";

    public static readonly IReadOnlyList<string> All = [AwaitingUpload, Pending, Running, Successful, Failed, NeedsReview];

    /// <summary>True for the phases after which nothing more happens without a person or a new import.</summary>
    public static bool IsFinished(string? phase) => phase is Successful or Failed;
}
