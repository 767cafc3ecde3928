namespace ImportOperator.Review;

/// <summary>A signed, expiring link to review one import.</summary>
public sealed record ReviewLink(Uri Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues and verifies review links <c>{baseUrl}/review/{token}</c> (the token format is in ReviewTokenCodec and
/// docs/webhooks.md). The operator issues one while an import is NEEDS_REVIEW; the review web app verifies it. Key
/// rotation: start issuing with the new key while the old one is <see cref="PreviousKey"/>, and drop it once the
/// longest link lifetime has passed.
/// </summary>
/// <param name="key">Signs new links and verifies.</param>
/// <param name="baseUrl">Where the review app is served, an absolute http(s) URL; a path prefix is kept.</param>
/// <param name="time">The clock for issuing and expiry (default: system).</param>
public sealed class ReviewLinks(ReviewSigningKey key, Uri baseUrl, TimeProvider? time = null)
{
    /// <summary>The path segment between the base URL and the token.</summary>
    public const string PathSegment = "review";

    private readonly ReviewSigningKey _key = key ?? throw new ArgumentNullException(nameof(key));
    private readonly string _prefix = PrefixOf(baseUrl);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>A key that is still accepted by <see cref="Verify"/> (never used to issue), during a key change.</summary>
    public ReviewSigningKey? PreviousKey { get; init; }

    /// <summary>A link to the import <paramref name="namespace"/>/<paramref name="name"/> with this uid, valid for <paramref name="lifetime"/>.</summary>
    public ReviewLink Issue(string @namespace, string name, string uid, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(uid);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        // Round up to whole seconds (exp is in unix seconds) so a link never lives shorter than asked.
        var expiresAt = (long)Math.Ceiling((_time.GetUtcNow() + lifetime).ToUnixTimeMilliseconds() / 1000.0);
        var payload = new ReviewTokenPayload(@namespace, name, uid, expiresAt);
        var token = ReviewTokenCodec.Encode(payload, _key);
        return new ReviewLink(new Uri($"{_prefix}/{PathSegment}/{token}"), payload.ExpiresAt);
    }

    /// <summary>
    /// Checks a token (the last path segment of a review link). Valid only when signed by the current or previous
    /// key, well-formed, and not expired. The caller still checks the import it opens is the one named
    /// (<see cref="ReviewTokenCheck.IsFor"/>).
    /// </summary>
    public ReviewTokenCheck Verify(string token)
    {
        ReviewSigningKey[] keys = PreviousKey is null ? [_key] : [_key, PreviousKey];
        var payload = ReviewTokenCodec.Decode(token, keys, out var problem);
        if (payload is null) return ReviewTokenCheck.Invalid(problem ?? "unreadable token.");
        return _time.GetUtcNow() >= payload.ExpiresAt ? ReviewTokenCheck.Expired(payload) : ReviewTokenCheck.Accepted(payload);
    }

    private static string PrefixOf(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The review base URL '{baseUrl}' must be an absolute http or https URL.", nameof(baseUrl));
        if (baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
            throw new ArgumentException($"The review base URL '{baseUrl}' must not have a query or fragment; links are <base>/review/<token>.", nameof(baseUrl));
        return baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
