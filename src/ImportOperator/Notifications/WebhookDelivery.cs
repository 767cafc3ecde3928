namespace ImportOperator.Notifications;

/// <summary>
/// The outcome of one webhook attempt. <see cref="Retryable"/> is meaningful only when not delivered: true means
/// "try again later" (the receiver or the network may recover), false means the request itself is refused and a
/// retry would get the same answer. <see cref="Error"/> says what happened, in words, naming the receiver's host but
/// never its full URL (URLs often carry tokens).
/// </summary>
public readonly record struct WebhookDelivery(bool Delivered, bool Retryable, int? StatusCode, string? Error)
{
    internal static WebhookDelivery Success(int statusCode) => new(true, false, statusCode, null);
    internal static WebhookDelivery RetryLater(string error, int? statusCode = null) => new(false, true, statusCode, error);
    internal static WebhookDelivery Permanent(string error, int? statusCode = null) => new(false, false, statusCode, error);
}
