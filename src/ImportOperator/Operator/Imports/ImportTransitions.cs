using ImportOperator.Api.V1Alpha1;
using ImportOperator.Notifications;
using ImportOperator.Worker;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// The status of an import entering a phase. Each method starts from a copy of the current status, so what an
/// earlier phase recorded (id, startTime) is kept and what no longer applies (upload URL, review link) is dropped.
/// </summary>
public sealed class ImportTransitions(ImportOperatorServices s)
{
    public HeadlessImportStatus Base(HeadlessImport import)
    {
        var status = ImportStatusStore.Copy(import.Status);
        status.Id = import.Metadata.Uid;
        status.OriginalFilename = import.Spec.OriginalFilename;
        status.ObservedGeneration = import.Metadata.Generation;
        return status;
    }

    public HeadlessImportStatus Failed(HeadlessImport import, string reason, string message)
    {
        var now = s.Now;
        var status = Base(import);
        status.Phase = ImportPhases.Failed;
        status.Reason = reason;
        status.Message = message;
        status.Upload = null;
        status.UploadExpiresAt = null;
        status.ReviewUrl = null;
        status.ReviewUrlExpiresAt = null;
        status.CompletionTime = now;
        if (status.Conditions?.Any(c => c.Type == ImportConditions.Processing) == true)
            status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.Processing, false, reason, message, now, import.Metadata.Generation);
        status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.Failed, true, reason, message, now, import.Metadata.Generation);
        status.Webhook = PendingWebhook(import, ImportPhases.Failed);
        return status;
    }

    /// <summary>The worker's committed summary, as the import's status.</summary>
    public HeadlessImportStatus FromSummary(HeadlessImport import, ImportSummary summary)
    {
        var now = s.Now;
        var keys = ImportResolver.KeysOf(import);
        var status = Base(import);
        status.Phase = summary.Phase;
        status.Reason = summary.Reason;
        status.Message = summary.Message;
        status.ResultMetadata = summary.ResultMetadata;
        status.ImportErrors = summary.ImportErrors.Take(100).ToList();
        status.Result = new ImportResultLocation { Data = s.Location(keys.Data), Metadata = s.Location(keys.Metadata) };
        status.StartTime ??= summary.StartTime;
        status.CompletionTime = ImportPhases.IsFinished(summary.Phase) ? summary.EndTime : null;
        var type = summary.Phase switch
        {
            ImportPhases.Successful => ImportConditions.Complete,
            ImportPhases.NeedsReview => ImportConditions.NeedsReview,
            _ => ImportConditions.Failed,
        };
        status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.Processing, false, "Processed", $"Processed in {(summary.EndTime - summary.StartTime).TotalSeconds:0.#} s.", now, import.Metadata.Generation);
        if (summary.Phase != ImportPhases.NeedsReview && status.Conditions.Any(c => c.Type == ImportConditions.NeedsReview))
            status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.NeedsReview, false, "Reviewed", "A person finished the review.", now, import.Metadata.Generation);
        status.Conditions = ImportConditions.Set(status.Conditions, type, true, summary.Reason, summary.Message, now, import.Metadata.Generation);
        status.Webhook = PendingWebhook(import, summary.Phase);
        return status;
    }

    /// <summary>A webhook still to deliver for the phase, when the import's settings name a receiver for its event.</summary>
    public WebhookDeliveryStatus? PendingWebhook(HeadlessImport import, string phase)
    {
        if (WebhookEvents.ForPhase(phase) is not { } eventName) return null;
        var settings = ImportResolver.EffectiveSettings(import, s.Schemas);
        return WebhookEvents.UrlFor(eventName, settings) is null ? null : new WebhookDeliveryStatus { Event = eventName };
    }
}
