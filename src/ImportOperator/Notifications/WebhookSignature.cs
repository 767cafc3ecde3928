using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImportOperator.Notifications;

/// <summary>What checking a webhook signature found.</summary>
public enum WebhookSignatureCheck
{
    /// <summary>A v1 signature matches the body and the timestamp is within the tolerance.</summary>
    Valid,
    /// <summary>The header is missing or not of the form <c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c>.</summary>
    Malformed,
    /// <summary>No v1 signature matches: another key, or a changed body or timestamp.</summary>
    Mismatch,
    /// <summary>The signature matches but its timestamp is further from now than the tolerance (a replay?).</summary>
    OutsideTolerance,
}

/// <summary>
/// The webhook signature: <c>hex(HMAC-SHA256(key, "{timestamp}.{body}"))</c>, sent as
/// <c>X-ImportOperator-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>. Signing the timestamp with the body
/// lets receivers refuse old requests replayed by someone who captured one.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The version tag of the signature scheme in the header.</summary>
    public const string SchemeV1 = "v1";

    /// <summary>The default window receivers should accept between the signed timestamp and their clock.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Lowercase hex HMAC-SHA256 of <c>"{timestamp}.{body}"</c>.</summary>
    public static string Compute(ReadOnlySpan<byte> key, long unixTimestamp, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(Mac(key, unixTimestamp, body));

    /// <summary>The header value: <c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c>.</summary>
    public static string HeaderValue(WebhookSigningKey key, long unixTimestamp, ReadOnlySpan<byte> body) =>
        $"t={unixTimestamp.ToString(CultureInfo.InvariantCulture)},{SchemeV1}={Compute(key.Bytes, unixTimestamp, body)}";

    /// <summary>
    /// Checks a received header against the raw body bytes (exactly as received, before any JSON parsing) with
    /// each of <paramref name="keys"/> (several during a key change). Comparison is constant-time. Several
    /// <c>v1=</c> entries in the header are accepted; any one matching is enough.
    /// </summary>
    public static WebhookSignatureCheck Verify(string? headerValue, ReadOnlySpan<byte> body, IEnumerable<byte[]> keys,
        DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!TryParse(headerValue, out var timestamp, out var signatures)) return WebhookSignatureCheck.Malformed;
        var matched = false;
        foreach (var key in keys)
        {
            var expected = Mac(key, timestamp, body);
            foreach (var signature in signatures)
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }
        if (!matched) return WebhookSignatureCheck.Mismatch;
        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        return age.Duration() > (tolerance ?? DefaultTolerance)
            ? WebhookSignatureCheck.OutsideTolerance
            : WebhookSignatureCheck.Valid;
    }

    /// <summary>Checks with one key; see the overload with several keys.</summary>
    public static WebhookSignatureCheck Verify(string? headerValue, ReadOnlySpan<byte> body, byte[] key,
        DateTimeOffset now, TimeSpan? tolerance = null) =>
        Verify(headerValue, body, [key], now, tolerance);

    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private static byte[] Mac(ReadOnlySpan<byte> key, long unixTimestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixTimestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryParse(string? headerValue, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        if (string.IsNullOrWhiteSpace(headerValue)) return false;
        var hasTimestamp = false;
        foreach (var part in headerValue.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0) return false;
            var name = part[..equals];
            var value = part[(equals + 1)..];
            if (name == "t")
            {
                if (hasTimestamp || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp)) return false;
                // Beyond year 9999 DateTimeOffset cannot represent it; such a header is junk, not an exception.
                if (timestamp > MaxUnixSeconds) return false;
                hasTimestamp = true;
            }
            else if (name == SchemeV1)
            {
                // 64 hex digits = 32 bytes of SHA-256; anything else cannot match and is a malformed header.
                if (value.Length != 64) return false;
                try { signatures.Add(Convert.FromHexString(value)); }
                catch (FormatException) { return false; }
            }
            // Unknown schemes (a future v2) are skipped so old receivers keep working.
        }
        return hasTimestamp && signatures.Count > 0;
    }
}
