using Microsoft.AspNetCore.Http;

namespace ImportOperator.ReviewApp;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (own script and style files only, no inline code, no
/// framing, forms post only here), no referrer (the link's token must not leak to other sites), no caching of pages
/// that show data, and no MIME sniffing.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers["Content-Security-Policy"] = ContentSecurityPolicy;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Cache-Control"] = "no-store";
    }
}
