using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ImportOperator.Engine.Schema;

/// <summary>
/// Import settings (Dromo's names). Every property is optional so that an import's settings can be merged key by
/// key over its saved schema's settings: a property left null is "not given". Defaults apply after merging.
/// </summary>
public sealed class ImportSettings
{
    [Description("Identifies this kind of import in results and webhooks (e.g. contacts-import). Required after merging with the schema's settings.")]
    public string? ImportIdentifier { get; set; }

    [AllowedValues(InvalidDataBehaviors.RemoveInvalidRows, InvalidDataBehaviors.BlockSubmit, InvalidDataBehaviors.IncludeInvalidRows)]
    [Description("REMOVE_INVALID_ROWS (default): rows with errors are left out of the results. INCLUDE_INVALID_ROWS: all rows are kept, problems are in the metadata. BLOCK_SUBMIT: any error stops the import in NEEDS_REVIEW.")]
    public string? InvalidDataBehavior { get; set; }

    [Description("Whether a file with a header but no data rows succeeds with no rows (default true).")]
    public bool? AllowEmptySubmit { get; set; }

    [Description("Columns that match no field are kept in each result row under $unmapped as {header: value}.")]
    public bool? PassThroughUnmappedColumns { get; set; }

    [Range(1, long.MaxValue)]
    [Description("Data rows past this number are not read; a warning says how many were dropped.")]
    public long? MaxRecords { get; set; }

    [Range(1, long.MaxValue)]
    [Description("Largest accepted file, in bytes; a larger file fails with FileTooLarge.")]
    public long? MaxFileSize { get; set; }

    [Description("The delimiter of a delimited text file (one character, e.g. ';' or '\\t'); detected among , ; tab | when not given.")]
    public string? Delimiter { get; set; }

    [Description("How headers are found and matched to fields.")]
    public MatchingStepSettings? MatchingStep { get; set; }

    [Description("How the uploaded file is read.")]
    public UploadStepSettings? UploadStep { get; set; }

    [Description("Receives a POST when the import completes or fails, and when it needs review unless needsReviewWebhookUrl is set.")]
    public string? WebhookUrl { get; set; }

    [Description("Receives a POST when the import needs a person (NEEDS_REVIEW).")]
    public string? NeedsReviewWebhookUrl { get; set; }

    [Description("Marks the import as a test import in results and webhooks.")]
    public bool? DevelopmentMode { get; set; }

    [Range(60, 604800)]
    [Description("Lifetime of the presigned upload URL in seconds (default 1800); it is refreshed while no file has arrived.")]
    public int? UploadUrlExpirySeconds { get; set; }

    [Range(1, long.MaxValue)]
    [Description("The import fails with UploadTimeout when no file has arrived this many seconds after creation.")]
    public long? UploadTimeoutSeconds { get; set; }

    [Range(0, long.MaxValue)]
    [Description("A finished import (SUCCESSFUL or FAILED) is deleted this many seconds after it finished.")]
    public long? TtlSecondsAfterFinished { get; set; }

    [Description("Limits of the processing Job.")]
    public ProcessingSettings? Processing { get; set; }

    /// <summary>Returns a copy where each property given in <paramref name="overrides"/> wins, others are kept.</summary>
    public static ImportSettings Merge(ImportSettings? saved, ImportSettings? overrides) =>
        ShallowMerge.Merge(saved, overrides) ?? new ImportSettings();
}

/// <summary>How headers are found and matched to fields.</summary>
public sealed class MatchingStepSettings
{
    [Range(0, int.MaxValue)]
    [Description("0-based index of the header row among the file's non-blank rows; rows above it are dropped.")]
    public int? HeaderRowOverride { get; set; }

    [Description("Match headers to fields by string similarity when no exact or normalised match exists (default true).")]
    public bool? FuzzyMatchHeaders { get; set; }
}

/// <summary>How the uploaded file is read.</summary>
public sealed class UploadStepSettings
{
    [Description("Name of the sheet to read in a workbook (default: the first sheet).")]
    public string? SheetOverride { get; set; }
}

/// <summary>Limits of the processing Job that runs the import.</summary>
public sealed class ProcessingSettings
{
    [Range(1, long.MaxValue)]
    [Description("The processing Job's activeDeadlineSeconds; past it the import fails with ProcessingTimeout.")]
    public long? TimeoutSeconds { get; set; }

    [Description("Compute resources of the processing container, as in a Pod spec.")]
    public ProcessingResources? Resources { get; set; }
}

/// <summary>Compute resources of the processing container (Kubernetes quantities such as 500m or 512Mi).</summary>
public sealed class ProcessingResources
{
    [Description("Minimum resources, e.g. {cpu: 500m, memory: 256Mi}.")]
    public Dictionary<string, string>? Requests { get; set; }

    [Description("Maximum resources, e.g. {cpu: '2', memory: 1Gi}.")]
    public Dictionary<string, string>? Limits { get; set; }
}
