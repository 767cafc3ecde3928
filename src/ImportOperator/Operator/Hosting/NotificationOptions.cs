namespace ImportOperator.Operator.Hosting;

/// <summary>Webhook signing and review links (configuration sections Webhooks and Review).</summary>
public sealed class NotificationOptions
{
    /// <summary>File with the HMAC key that signs webhook bodies (a mounted Secret). Empty: unsigned (development only).</summary>
    public string? WebhookSigningKeyFile { get; set; }

    /// <summary>Base URL of the review web app, e.g. https://imports.example.com. Empty: no review links.</summary>
    public string? ReviewBaseUrl { get; set; }

    /// <summary>File with the HMAC key that signs review links (shared with the review web app).</summary>
    public string? ReviewSigningKeyFile { get; set; }

    /// <summary>Lifetime of a review link; renewed while the import still needs review.</summary>
    public TimeSpan ReviewLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(WebhookSigningKeyFile) && !File.Exists(WebhookSigningKeyFile))
            problems.Add($"Notifications:{nameof(WebhookSigningKeyFile)}: file '{WebhookSigningKeyFile}' does not exist.");
        var hasBase = !string.IsNullOrWhiteSpace(ReviewBaseUrl);
        if (hasBase && (!Uri.TryCreate(ReviewBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            problems.Add($"Notifications:{nameof(ReviewBaseUrl)} '{ReviewBaseUrl}' must be an absolute http(s) URL.");
        if (hasBase && string.IsNullOrWhiteSpace(ReviewSigningKeyFile))
            problems.Add($"Notifications:{nameof(ReviewSigningKeyFile)} is required with {nameof(ReviewBaseUrl)}: review links must be signed.");
        if (!string.IsNullOrEmpty(ReviewSigningKeyFile) && !File.Exists(ReviewSigningKeyFile))
            problems.Add($"Notifications:{nameof(ReviewSigningKeyFile)}: file '{ReviewSigningKeyFile}' does not exist.");
        if (ReviewLinkLifetime < TimeSpan.FromMinutes(5)) problems.Add($"Notifications:{nameof(ReviewLinkLifetime)} must be at least 5 minutes.");
        return problems;
    }
}
