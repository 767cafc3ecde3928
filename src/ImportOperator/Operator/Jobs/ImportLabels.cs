namespace ImportOperator.Operator.Jobs;

/// <summary>Labels and annotations the operator puts on (and reads from) the objects it manages.</summary>
public static class ImportLabels
{
    public const string ImportName = "importoperator.io/import";
    public const string ImportUid = "importoperator.io/import-uid";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "import-operator";
    public const string Component = "app.kubernetes.io/component";
    public const string AppName = "app.kubernetes.io/name";

    /// <summary>Set to "true" on a HeadlessImport to delete it without removing its stored objects (e.g. storage is gone for good).</summary>
    public const string SkipCleanupAnnotation = "importoperator.io/skip-cleanup";

    /// <summary>
    /// Set by the review web app after it committed the reviewed results (summary last): the operator then moves a
    /// NEEDS_REVIEW import to the committed phase. The value is when the review finished (RFC 3339).
    /// </summary>
    public const string ReviewCompletedAnnotation = "importoperator.io/review-completed";

    /// <summary>The finalizer that removes an import's stored objects before the object goes away.</summary>
    public const string CleanupFinalizer = "importoperator.io/cleanup";
}
