namespace ImportOperator.Engine.Types;

/// <summary>Checks of the host part shared by the email, url and domain types.</summary>
internal static class HostNames
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>
    /// True for a DNS name with a top-level domain: at least two dot-separated labels of letters (any script, for
    /// internationalised names), digits and hyphens, each 1-63 characters and neither starting nor ending with a
    /// hyphen; the last label (the TLD) is all letters, at least two, or punycode (xn--).
    /// </summary>
    public static bool IsDomainWithTld(ReadOnlySpan<char> host, out int labelCount)
    {
        labelCount = 0;
        if (host.Length is 0 or > MaxNameLength) return false;

        var labelStart = 0;
        for (var i = 0; i <= host.Length; i++)
        {
            if (i < host.Length && host[i] != '.') continue;
            if (!IsLabel(host[labelStart..i])) return false;
            labelCount++;
            labelStart = i + 1;
        }
        if (labelCount < 2) return false;

        var tld = host[(host.LastIndexOf('.') + 1)..];
        return IsTopLevelDomain(tld);
    }

    private static bool IsLabel(ReadOnlySpan<char> label)
    {
        if (label.Length is 0 or > MaxLabelLength) return false;
        if (label[0] == '-' || label[^1] == '-') return false;
        foreach (var c in label)
        {
            if (c == '-' || char.IsAsciiLetterOrDigit(c)) continue;
            if (c > 0x7F && char.IsLetterOrDigit(c)) continue;
            return false;
        }
        return true;
    }

    private static bool IsTopLevelDomain(ReadOnlySpan<char> tld)
    {
        if (tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)) return tld.Length > 4;
        if (tld.Length < 2) return false;
        foreach (var c in tld)
        {
            if (!char.IsLetter(c)) return false;
        }
        return true;
    }

    /// <summary>True for a dotted IPv4 address (four numbers 0-255, no leading zeros).</summary>
    public static bool IsIPv4(ReadOnlySpan<char> host)
    {
        var parts = 0;
        var start = 0;
        for (var i = 0; i <= host.Length; i++)
        {
            if (i < host.Length && host[i] != '.') continue;
            var part = host[start..i];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0')) return false;
            var value = 0;
            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c)) return false;
                value = value * 10 + (c - '0');
            }
            if (value > 255) return false;
            parts++;
            start = i + 1;
        }
        return parts == 4;
    }

    /// <summary>True for a bracketed IPv6 literal such as [2001:db8::1] (hex digits, colons, optional dotted tail).</summary>
    public static bool IsBracketedIPv6(ReadOnlySpan<char> host)
    {
        if (host.Length < 4 || host[0] != '[' || host[^1] != ']') return false;
        var colons = 0;
        foreach (var c in host[1..^1])
        {
            if (c == ':') colons++;
            else if (!char.IsAsciiHexDigit(c) && c != '.') return false;
        }
        return colons is >= 2 and <= 7;
    }
}
