using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Notifications;

/// <summary>
/// Makes one attempt to deliver one webhook event and says whether to retry. It keeps no state: the operator records
/// attempts in the import's status and calls again after <see cref="WebhookRetryPolicy.DelayBefore(int)"/>.
/// </summary>
/// <param name="http">
/// A client that does not follow redirects by itself (<see cref="CreateHttpClient"/>): this class follows only
/// same-host 307/308 redirects, so a receiver cannot bounce the signed body to another host.
/// </param>
/// <param name="key">The signing key; null sends no signature header, which is only fit for development.</param>
/// <param name="time">The clock for the body's <c>createdAt</c> and the signature timestamp (default: system).</param>
public sealed class WebhookSender(HttpClient http, WebhookSigningKey? key, TimeProvider? time = null)
{
    /// <summary>The default time one attempt may take, redirects and reading the answer included.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);

    private const int MaxRedirects = 3;
    private const int MaxErrorBodyChars = 200;

    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The time one attempt may take (default 10 s); past it the attempt is a retryable timeout.</summary>
    public TimeSpan AttemptTimeout { get; init; } = DefaultAttemptTimeout;

    /// <summary>
    /// An HttpClient fit for webhooks: no automatic redirects (see the class remarks), connections recycled every
    /// few minutes so a receiver's DNS change is picked up, and <paramref name="timeout"/> per request.
    /// </summary>
    public static HttpClient CreateHttpClient(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
        return new HttpClient(handler) { Timeout = timeout };
    }

    /// <summary>
    /// As the <see cref="Uri"/> overload, for a URL straight from the settings: one that does not parse is a permanent
    /// failure (the message does not repeat the URL, which may hold a token).
    /// </summary>
    public Task<WebhookDelivery> SendAsync(string url, string eventName, HeadlessImport import, ImportSettings settings, CancellationToken ct) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed)
            ? SendAsync(parsed, eventName, import, settings, ct)
            : Task.FromResult(WebhookDelivery.Permanent("the webhook URL is not an absolute URL; it must start with http:// or https://."));

    /// <summary>
    /// POSTs <paramref name="eventName"/> for <paramref name="import"/> to <paramref name="url"/>. Never throws for
    /// a receiver's or the network's failure (the result says what happened); throws
    /// <see cref="OperationCanceledException"/> only when <paramref name="ct"/> is cancelled.
    /// </summary>
    public async Task<WebhookDelivery> SendAsync(Uri url, string eventName, HeadlessImport import, ImportSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (RefusedUrl(url) is { } refusal) return WebhookDelivery.Permanent(refusal);

        var now = _time.GetUtcNow();
        var body = WebhookPayload.Serialize(eventName, import, settings, now);
        var deliveryId = WebhookPayload.DeliveryId(import, eventName);
        var signature = key is null ? null : WebhookSignature.HeaderValue(key, now.ToUnixTimeSeconds(), body);

        // A real timer, not _time: a test clock that never advances must not make attempts wait forever.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(AttemptTimeout);
        try
        {
            return await PostFollowingSameHostRedirects(url, eventName, deliveryId, body, signature, attempt.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Ours or HttpClient.Timeout: either way the receiver did not answer in time.
            return WebhookDelivery.RetryLater($"{url.Authority} did not answer within {Seconds(AttemptTimeout)}.");
        }
        catch (HttpRequestException e)
        {
            return WebhookDelivery.RetryLater($"could not reach {url.Authority} ({Describe(e.HttpRequestError)}): {e.Message}");
        }
    }

    private async Task<WebhookDelivery> PostFollowingSameHostRedirects(Uri url, string eventName, string deliveryId,
        byte[] body, string? signature, CancellationToken ct)
    {
        var target = url;
        for (var redirects = 0; ; redirects++)
        {
            using var request = Request(target, eventName, deliveryId, body, signature);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return WebhookDelivery.Success(status);

            if (status is 307 or 308 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                if (!SameHostNoDowngrade(target, next))
                    return WebhookDelivery.Permanent(
                        $"{target.Authority} answered {status} redirecting to another host ({next.Authority}); webhooks do not follow that — set the URL to the final address.", status);
                if (redirects >= MaxRedirects)
                    return WebhookDelivery.Permanent($"{target.Authority} redirected more than {MaxRedirects} times.", status);
                target = next;
                continue;
            }
            return await Classify(target, response, status, ct);
        }
    }

    private static HttpRequestMessage Request(Uri target, string eventName, string deliveryId, byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.TryAddWithoutValidation("User-Agent", WebhookHeaders.UserAgent);
        request.Headers.Add(WebhookHeaders.Event, eventName);
        request.Headers.Add(WebhookHeaders.Delivery, deliveryId);
        if (signature is not null) request.Headers.Add(WebhookHeaders.Signature, signature);
        return request;
    }

    private static async Task<WebhookDelivery> Classify(Uri target, HttpResponseMessage response, int status, CancellationToken ct)
    {
        var answer = $"{target.Authority} answered {status} {response.ReasonPhrase}".TrimEnd();
        var excerpt = await BodyExcerpt(response, ct);
        if (excerpt.Length > 0) answer += $": {excerpt}";
        return IsRetryable(status)
            ? WebhookDelivery.RetryLater(answer + " (will retry).", status)
            : WebhookDelivery.Permanent(answer + " (not retried: the receiver refuses this request).", status);
    }

    /// <summary>408 Request Timeout, 425 Too Early, 429 Too Many Requests and 5xx say "later"; other answers do not.</summary>
    internal static bool IsRetryable(int status) => status is 408 or 425 or 429 or >= 500 and < 600;

    private static string? RefusedUrl(Uri url)
    {
        if (!url.IsAbsoluteUri) return "the webhook URL is not an absolute URL; it must start with http:// or https://.";
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            return $"the webhook URL scheme '{url.Scheme}' is not supported; only http and https URLs receive webhooks.";
        if (string.IsNullOrEmpty(url.Host)) return "the webhook URL has no host.";
        return null;
    }

    private static bool SameHostNoDowngrade(Uri from, Uri to) =>
        (to.Scheme == Uri.UriSchemeHttp || to.Scheme == Uri.UriSchemeHttps)
        && string.Equals(from.IdnHost, to.IdnHost, StringComparison.OrdinalIgnoreCase)
        && !(from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp);

    private static async Task<string> BodyExcerpt(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[MaxErrorBodyChars * 2];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
            return clean.Length > MaxErrorBodyChars ? clean[..MaxErrorBodyChars] + "…" : clean;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return ""; // The status code already says what matters; a broken body adds nothing.
        }
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "host name not found",
        HttpRequestError.ConnectionError => "connection failed",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "connection closed before an answer",
        HttpRequestError.InvalidResponse => "invalid HTTP answer",
        _ => "request failed",
    };

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
