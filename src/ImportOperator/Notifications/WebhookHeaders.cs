using System.Reflection;

namespace ImportOperator.Notifications;

/// <summary>The HTTP headers of a webhook request (documented in docs/webhooks.md).</summary>
public static class WebhookHeaders
{
    /// <summary><c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>; absent when no signing key is configured.</summary>
    public const string Signature = "X-ImportOperator-Signature";
    /// <summary>The event name, also in the body's <c>event</c>.</summary>
    public const string Event = "X-ImportOperator-Event";
    /// <summary>The delivery id (<c>{uid}:{event}</c>), the same on every retry; also the body's <c>id</c>.</summary>
    public const string Delivery = "X-ImportOperator-Delivery";

    /// <summary><c>import-operator/&lt;version&gt;</c>, the version without any source-revision suffix.</summary>
    public static string UserAgent { get; } = "import-operator/" + ProductVersion();

    private static string ProductVersion()
    {
        var assembly = typeof(WebhookHeaders).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString()
                      ?? "0.0.0";
        // "1.2.3+abcdef" → "1.2.3": the commit hash adds nothing for receivers and is not a valid product token.
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }
}
