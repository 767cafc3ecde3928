using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImportOperator.ReviewApp;

/// <summary>
/// CSRF protection for every write: a random per-browser secret in a cookie (HttpOnly, SameSite=Strict) and, in the
/// page, a token = HMAC(key, secret + review token). A write must send the token (header <see cref="HeaderName"/>
/// or form field <see cref="FormField"/>) and the cookie. Another site can neither read the page's token nor plant
/// a cookie whose HMAC it could compute, and a token made for one import's link is useless on another's.
/// </summary>
public sealed class ReviewCsrf(byte[] key)
{
    public const string CookieName = "review_csrf";
    public const string HeaderName = "X-Review-Csrf";
    public const string FormField = "_csrf";

    /// <summary>The token to put in the page, setting the cookie when the browser has none yet.</summary>
    public string TokenFor(HttpContext http, string reviewToken)
    {
        var secret = http.Request.Cookies[CookieName];
        if (!IsWellFormed(secret))
        {
            secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            http.Response.Cookies.Append(CookieName, secret, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = "/",
                IsEssential = true,
            });
        }
        return Compute(secret!, reviewToken);
    }

    /// <summary>True when the request carries the cookie and a matching token for this review link.</summary>
    public async Task<bool> IsValidAsync(HttpContext http, string reviewToken)
    {
        var secret = http.Request.Cookies[CookieName];
        if (!IsWellFormed(secret)) return false;
        string? sent = http.Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(sent) && http.Request.HasFormContentType)
            sent = (await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false))[FormField];
        if (string.IsNullOrEmpty(sent)) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secret!, reviewToken));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sent));
    }

    private string Compute(string secret, string reviewToken) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("review-csrf.v1." + secret + "." + reviewToken)));

    private static bool IsWellFormed(string? secret) => secret is { Length: 43 } && Base64Url.IsValid(secret);

    /// <summary>A CSRF key derived from the review signing key, so replicas agree without another Secret.</summary>
    public static byte[] DeriveKey(byte[] reviewSigningKey) =>
        HMACSHA256.HashData(reviewSigningKey, Encoding.ASCII.GetBytes("importoperator-review-csrf-key.v1"));
}
