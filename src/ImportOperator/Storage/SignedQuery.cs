using System.Globalization;
using System.Web;

namespace ImportOperator.Storage;

/// <summary>The SigV4 query parameters of a presigned URL that say when it stops working.</summary>
internal readonly record struct SignedQuery(DateTimeOffset SignedAt, long ExpiresSeconds)
{
    public static SignedQuery Of(Uri url)
    {
        var query = HttpUtility.ParseQueryString(url.Query);
        var date = query["X-Amz-Date"] ?? throw new InvalidOperationException("The presigned URL has no X-Amz-Date: it is not SigV4-signed.");
        var expires = query["X-Amz-Expires"] ?? throw new InvalidOperationException("The presigned URL has no X-Amz-Expires: it is not SigV4-signed.");
        return new SignedQuery(
            DateTimeOffset.ParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            long.Parse(expires, NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
