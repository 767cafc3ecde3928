using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Notifications;

/// <summary>The webhook events (Dromo's names) and which phase and URL each belongs to.</summary>
public static class WebhookEvents
{
    /// <summary>Sent when an import reaches SUCCESSFUL (also after a review is finished).</summary>
    public const string ImportCompleted = "import_completed";
    /// <summary>Sent when an import reaches NEEDS_REVIEW.</summary>
    public const string NeedsReview = "headless_import_needs_review";
    /// <summary>Sent when an import reaches FAILED.</summary>
    public const string Failed = "headless_import_failed";

    /// <summary>The event for a phase, or null for phases that send none (AWAITING_UPLOAD, PENDING, RUNNING).</summary>
    public static string? ForPhase(string? phase) => phase switch
    {
        ImportPhases.Successful => ImportCompleted,
        ImportPhases.NeedsReview => NeedsReview,
        ImportPhases.Failed => Failed,
        _ => null,
    };

    /// <summary>
    /// Where an event goes: <c>needsReviewWebhookUrl</c> for NEEDS_REVIEW, falling back to <c>webhookUrl</c> when it
    /// is not set (an import waiting for a person is news its owner wants, and the <c>event</c> field tells the two
    /// apart); <c>webhookUrl</c> for the others. Null when nothing is configured. Blank values count as not set.
    /// </summary>
    public static string? UrlFor(string eventName, ImportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var general = NonBlank(settings.WebhookUrl);
        return eventName == NeedsReview ? NonBlank(settings.NeedsReviewWebhookUrl) ?? general : general;
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
