using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ImportOperator.Review;

/// <summary>
/// Encodes and checks review tokens: <c>base64url(payload) + "." + base64url(HMAC-SHA256)</c>. The MAC covers a
/// fixed context string plus the encoded payload text (not the decoded bytes), so an alternative base64 spelling of
/// the same payload is a different, unsigned token, and a MAC made for another purpose with the same key never
/// passes as a review token.
/// </summary>
internal static class ReviewTokenCodec
{
    /// <summary>Prepended to the signed text; bump the version if the payload's meaning ever changes.</summary>
    private const string Context = "importoperator-review-link.v1.";

    /// <summary>Far above any real token (an import's namespace, name and uid); refuses junk before decoding.</summary>
    private const int MaxTokenLength = 2048;

    private const int MacBytes = 32;

    public static string Encode(ReviewTokenPayload payload, ReviewSigningKey key)
    {
        var encodedPayload = Base64Url.EncodeToString(payload.ToJson());
        return encodedPayload + "." + Base64Url.EncodeToString(Mac(key, encodedPayload));
    }

    /// <summary>The payload when a key's MAC matches; null with the reason otherwise.</summary>
    public static ReviewTokenPayload? Decode(string? token, IEnumerable<ReviewSigningKey> keys, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(token)) { problem = "the token is empty."; return null; }
        if (token.Length > MaxTokenLength) { problem = "the token is too long."; return null; }
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1)
        {
            problem = "the token is not of the form <payload>.<signature>.";
            return null;
        }
        var encodedPayload = token[..dot];
        var encodedSignature = token[(dot + 1)..];
        // Re-encoding must give the same text: one token, one spelling (base64 leaves spare bits in its last char).
        if (!TryDecode(encodedSignature, out var signature) || signature.Length != MacBytes
            || Base64Url.EncodeToString(signature) != encodedSignature)
        {
            problem = "the signature part is not a base64url HMAC-SHA256.";
            return null;
        }
        var matched = false;
        foreach (var key in keys)
            matched |= CryptographicOperations.FixedTimeEquals(Mac(key, encodedPayload), signature);
        if (!matched) { problem = "the signature does not match (changed link, or signed with another key)."; return null; }

        var payload = TryDecode(encodedPayload, out var json) ? ReviewTokenPayload.FromJson(json) : null;
        if (payload is null) problem = "the payload is not a review link payload.";
        return payload;
    }

    private static byte[] Mac(ReviewSigningKey key, string encodedPayload) =>
        HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes(Context + encodedPayload));

    private static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
