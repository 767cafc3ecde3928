using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using ImportOperator.Imports;

namespace ImportOperator.Notifications;

/// <summary>
/// The JSON body of a webhook: <c>{id, event, createdAt, data}</c> where <c>data</c> is the import without any URL
/// in it. Upload and review URLs are bearer credentials, result locations and webhook URLs are internal addresses,
/// and hooks and schema are the owner's code: none of them belongs in a POST to a third-party endpoint (Dromo
/// leaves out review_url and original_file_download for the same reason). docs/webhooks.md shows the shape.
/// </summary>
public static class WebhookPayload
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Absent values are written as null so receivers see the same keys in every event.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The delivery id, <c>{uid}:{event}</c>: the same for every attempt of one event of one import, so receivers
    /// can drop duplicates (delivery is at least once).
    /// </summary>
    public static string DeliveryId(HeadlessImport import, string eventName) => UidOf(import) + ":" + eventName;

    /// <summary>The body's UTF-8 bytes, exactly as sent and signed.</summary>
    public static byte[] Serialize(string eventName, HeadlessImport import, ImportSettings settings, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(settings);
        var body = new WebhookBody(DeliveryId(import, eventName), eventName, Timestamp(createdAt), DataOf(eventName, import, settings));
        return JsonSerializer.SerializeToUtf8Bytes(body, Json);
    }

    private static WebhookImportData DataOf(string eventName, HeadlessImport import, ImportSettings settings)
    {
        var status = import.Status;
        return new WebhookImportData(
            Id: UidOf(import),
            Name: import.Metadata.Name,
            Namespace: import.Metadata.NamespaceProperty ?? "default",
            ImportIdentifier: ResolvedImport.IdentifierOf(import, settings),
            // The event defines the phase it reports, even if the caller's copy of the status is older.
            Phase: PhaseOf(eventName) ?? status?.Phase,
            Reason: status?.Reason,
            Message: status?.Message,
            OriginalFilename: status?.OriginalFilename ?? ResolvedImport.FileNameOf(import),
            ResultMetadata: status?.ResultMetadata,
            User: import.Spec.User,
            DevelopmentMode: settings.DevelopmentMode ?? false,
            StartTime: Timestamp(status?.StartTime),
            CompletionTime: Timestamp(status?.CompletionTime),
            ImportErrorCount: status?.ImportErrors?.Count);
    }

    private static string? PhaseOf(string eventName) => eventName switch
    {
        WebhookEvents.ImportCompleted => ImportPhases.Successful,
        WebhookEvents.NeedsReview => ImportPhases.NeedsReview,
        WebhookEvents.Failed => ImportPhases.Failed,
        _ => null,
    };

    private static string UidOf(HeadlessImport import) =>
        string.IsNullOrEmpty(import.Metadata?.Uid)
            ? throw new ArgumentException($"HeadlessImport '{import.Metadata?.Name}' has no metadata.uid; a webhook needs it for its id.", nameof(import))
            : import.Metadata.Uid;

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string? Timestamp(DateTime? value) => value is not { } time
        ? null
        // Kubernetes times are UTC; a Kind left Unspecified by a deserializer is taken as UTC, not local time.
        : Timestamp(new DateTimeOffset(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)));

    private sealed record WebhookBody(string Id, string Event, string CreatedAt, WebhookImportData Data);

    private sealed record WebhookImportData(
        string Id,
        string Name,
        string Namespace,
        string ImportIdentifier,
        string? Phase,
        string? Reason,
        string? Message,
        string OriginalFilename,
        ResultMetadata? ResultMetadata,
        ImportUser? User,
        bool DevelopmentMode,
        string? StartTime,
        string? CompletionTime,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ImportErrorCount);
}
