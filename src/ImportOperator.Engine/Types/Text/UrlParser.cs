using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>
/// url: an http or https URL ("https://example.com/a?b#c", "http://localhost:8080", "https://10.0.0.1/x"), or a
/// bare domain with an optional port and path ("example.com/x", "www.example.com"), which is how people often
/// type web addresses. Outputs the trimmed text as written: no scheme is added, nothing is re-encoded.
/// </summary>
internal sealed class UrlParser : IFieldTypeParser
{
    public static readonly UrlParser Instance = new();

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        var url = text.AsSpan().Trim();
        if (!IsUrl(url))
        {
            result = default;
            error = ParseMessages.NotA(text, "a valid URL");
            return false;
        }
        result = CellValue.FromString(Trimmed.Of(text, url));
        error = null;
        return true;
    }

    private static bool IsUrl(ReadOnlySpan<char> url)
    {
        foreach (var c in url)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return false;
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var hasScheme = schemeEnd >= 0;
        if (hasScheme)
        {
            var scheme = url[..schemeEnd];
            if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
                && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase)) return false;
            url = url[(schemeEnd + 3)..];
        }

        var authorityEnd = url.IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? url : url[..authorityEnd];
        return IsAuthority(authority, hasScheme);
    }

    private static bool IsAuthority(ReadOnlySpan<char> authority, bool hasScheme)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            if (!hasScheme) return false; // "user@example.com" is an email address, not a URL
            authority = authority[(at + 1)..];
        }

        var host = authority;
        var portStart = authority.StartsWith('[') ? authority.IndexOf("]:", StringComparison.Ordinal) + 1 : authority.LastIndexOf(':');
        if (portStart > 0)
        {
            if (!IsPort(authority[(portStart + 1)..])) return false;
            host = authority[..portStart];
        }
        if (host.Length > 1 && host[^1] == '.') host = host[..^1];

        if (HostNames.IsDomainWithTld(host, out _)) return true;
        // Hosts without a TLD only count when the scheme says this is a URL.
        return hasScheme && (HostNames.IsIPv4(host) || HostNames.IsBracketedIPv6(host)
            || host.Equals("localhost", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsPort(ReadOnlySpan<char> port)
    {
        if (port.Length is 0 or > 5) return false;
        var value = 0;
        foreach (var c in port)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return value is > 0 and <= 65535;
    }
}
