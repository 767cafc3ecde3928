using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImportOperator.Tests.Operator.Support;

/// <summary>
/// An independent check of a SigV4 presigned S3 URL (query-string auth, host the only signed header, unsigned
/// payload), written from the AWS specification rather than with the SDK that made the URL. s3rver does not verify
/// SigV4 signatures, so this is what shows what S3 (and MinIO, Ceph) would accept: the signature covers the verb,
/// the exact key and every X-Amz-* parameter, the expiry included.
/// </summary>
public static class PresignedUrlSignature
{
    /// <summary>Whether <paramref name="url"/> carries a valid signature for <paramref name="method"/> under the secret key.</summary>
    public static bool IsValidFor(string url, string method, string secretAccessKey)
    {
        var uri = new Uri(url);
        var query = ParseQuery(uri.Query);
        if (!query.TryGetValue("X-Amz-Signature", out var provided) || query.GetValueOrDefault("X-Amz-SignedHeaders") != "host") return false;
        var credential = query["X-Amz-Credential"].Split('/');
        if (credential.Length != 5) return false;
        var (date, region, service) = (credential[1], credential[2], credential[3]);
        var canonicalQuery = string.Join("&", query.Where(p => p.Key != "X-Amz-Signature")
            .OrderBy(p => Encode(p.Key), StringComparer.Ordinal)
            .Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
        var canonicalRequest = string.Join("\n", method, uri.AbsolutePath, canonicalQuery, $"host:{uri.Authority}", "", "host", "UNSIGNED-PAYLOAD");
        var stringToSign = string.Join("\n", "AWS4-HMAC-SHA256", query["X-Amz-Date"], $"{date}/{region}/{service}/aws4_request",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { date, region, service, "aws4_request" }) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided));
    }

    /// <summary>When the URL stops working: X-Amz-Date plus X-Amz-Expires.</summary>
    public static DateTime ExpiresAt(string url)
    {
        var query = ParseQuery(new Uri(url).Query);
        var signedAt = DateTime.ParseExact(query["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return signedAt.AddSeconds(int.Parse(query["X-Amz-Expires"], CultureInfo.InvariantCulture));
    }

    static Dictionary<string, string> ParseQuery(string query) => query.TrimStart('?')
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.Ordinal);

    /// <summary>SigV4's URI encoding: unreserved characters kept, everything else %XX in upper case.</summary>
    static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
