namespace ImportOperator.Engine.Diagnostics;

/// <summary>The reasons an import outcome carries (status.reason), one word each, as Kubernetes conditions do.</summary>
public static class OutcomeReasons
{
    // SUCCESSFUL
    public const string Completed = "Completed";

    // NEEDS_REVIEW: a person can finish the import.
    public const string HeaderRowNotFound = "HeaderRowNotFound";
    public const string UnmappedColumns = "UnmappedColumns";
    public const string ValidationErrors = "ValidationErrors";
    public const string DuplicateHeaders = "DuplicateHeaders";
    public const string CancelledByHook = "CancelledByHook";

    // FAILED
    public const string EmptyFile = "EmptyFile";
    public const string NoDataRows = "NoDataRows";
    public const string UnreadableFile = "UnreadableFile";
    public const string FileTooLarge = "FileTooLarge";
    public const string SheetNotFound = "SheetNotFound";
    public const string InvalidSchema = "InvalidSchema";
    public const string HookFailed = "HookFailed";
}
