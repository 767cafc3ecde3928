using System.ComponentModel;
using k8s.Models;

namespace ImportOperator.Api.V1Alpha1;

/// <summary>Where an import stands (Dromo's response fields, camelCased). Written by the operator only.</summary>
public sealed class HeadlessImportStatus
{
    [Description("AWAITING_UPLOAD, PENDING, RUNNING, SUCCESSFUL, FAILED or NEEDS_REVIEW.")]
    public string? Phase { get; set; }

    [Description("The import's id (the object's uid).")]
    public string? Id { get; set; }

    [Description("Name of the imported file.")]
    public string? OriginalFilename { get; set; }

    [Description("Presigned URL to PUT the file to; present only while AWAITING_UPLOAD.")]
    public string? Upload { get; set; }

    [Description("When the upload URL expires (RFC 3339); a fresh one replaces it while no file has arrived.")]
    public DateTime? UploadExpiresAt { get; set; }

    [Description("Signed link to finish the import in a browser; present only while NEEDS_REVIEW.")]
    public string? ReviewUrl { get; set; }

    [Description("When the review link expires (RFC 3339); a fresh one replaces it while the import still needs review.")]
    public DateTime? ReviewUrlExpiresAt { get; set; }

    [Description("Why the import is in its phase, one word (e.g. ValidationErrors, UnreadableFile).")]
    public string? Reason { get; set; }

    [Description("Why the import is in its phase, in words a user can act on.")]
    public string? Message { get; set; }

    [Description("How far processing is; present only while RUNNING, refreshed every few seconds.")]
    public ImportProgressStatus? Progress { get; set; }

    [Description("Row counts of the processed file.")]
    public ResultMetadata? ResultMetadata { get; set; }

    [Description("The first 100 problems found in the data.")]
    public List<ImportErrorEntry>? ImportErrors { get; set; }

    [Description("Where the results (data.json, metadata.json) live.")]
    public ImportResultLocation? Result { get; set; }

    [Description("When processing started.")]
    public DateTime? StartTime { get; set; }

    [Description("When the import reached SUCCESSFUL or FAILED.")]
    public DateTime? CompletionTime { get; set; }

    [Description("The spec generation this status describes.")]
    public long? ObservedGeneration { get; set; }

    [Description("Standard conditions.")]
    public List<V1Condition>? Conditions { get; set; }

    [Description("Delivery of the webhook for the current phase (settings.webhookUrl / needsReviewWebhookUrl).")]
    public WebhookDeliveryStatus? Webhook { get; set; }
}

/// <summary>Where the webhook for the import's current phase stands; delivered at least once, retried with backoff.</summary>
public sealed class WebhookDeliveryStatus
{
    [Description("The event: import_completed, headless_import_needs_review or headless_import_failed.")]
    public string Event { get; set; } = "";

    [Description("True once the receiver answered 2xx.")]
    public bool Delivered { get; set; }

    [Description("True when delivery stopped without success (a permanent refusal, or every attempt used).")]
    public bool GaveUp { get; set; }

    [Description("Attempts made so far.")]
    public int Attempts { get; set; }

    [Description("When the last attempt was made.")]
    public DateTime? LastAttemptTime { get; set; }

    [Description("Why the last attempt failed.")]
    public string? LastError { get; set; }
}

/// <summary>How far a running import is (the worker's progress.json, copied by the operator).</summary>
public sealed class ImportProgressStatus
{
    [Description("Data rows processed so far.")]
    public long RowsProcessed { get; set; }

    [Description("Bytes of the input read so far.")]
    public long BytesRead { get; set; }

    [Description("Size of the input in bytes, when known.")]
    public long? TotalBytes { get; set; }

    [Description("Percent of the input read (0-100), when its size is known.")]
    public int? Percent { get; set; }

    [Description("When the worker measured this (RFC 3339).")]
    public DateTime? UpdatedAt { get; set; }
}

/// <summary>Row counts of a processed import.</summary>
public sealed class ResultMetadata
{
    [Description("Data rows read (after the header, blank rows excluded).")]
    public long NumDataRows { get; set; }

    [Description("Data rows without any error.")]
    public long NumValidRows { get; set; }

    [Description("Data rows with at least one error.")]
    public long NumInvalidRows { get; set; }

    [Description("Rows in data.json.")]
    public long NumResultRows { get; set; }
}

/// <summary>One problem found in the data.</summary>
public sealed class ImportErrorEntry
{
    [Description("0-based index of the data row (after the header, blank rows excluded).")]
    public long RowIndex { get; set; }

    [Description("Key of the field, or absent for a problem with the whole row.")]
    public string? FieldKey { get; set; }

    [Description("What is wrong.")]
    public string Message { get; set; } = "";

    [Description("error, warning or info.")]
    public string Level { get; set; } = "error";

    [Description("The cell's value as read.")]
    public string? Value { get; set; }
}

/// <summary>Where an import's results live.</summary>
public sealed class ImportResultLocation
{
    [Description("Location of data.json (s3://bucket/key, or a path for the local process command).")]
    public string? Data { get; set; }

    [Description("Location of metadata.json.")]
    public string? Metadata { get; set; }

    [Description("A URL to download data.json without storage credentials; renewed before it expires.")]
    public string? DataUrl { get; set; }

    [Description("A URL to download metadata.json without storage credentials; renewed before it expires.")]
    public string? MetadataUrl { get; set; }

    [Description("When dataUrl and metadataUrl expire (RFC 3339).")]
    public DateTime? UrlsExpireAt { get; set; }
}
