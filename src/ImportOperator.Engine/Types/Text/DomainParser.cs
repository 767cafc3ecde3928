using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>
/// domain: a host name with a top-level domain ("example.com"), trimmed, one trailing dot dropped, output
/// lower-cased. With allowSubdomains=false only a registrable domain is accepted: one label under the TLD, or
/// under a listed two-label public suffix such as co.uk ("example.co.uk" yes, "mail.example.com" no).
/// </summary>
internal sealed class DomainParser(bool allowSubdomains) : IFieldTypeParser
{
    public static IFieldTypeParser Create(TypeOptions? options) => new DomainParser(options?.AllowSubdomains ?? true);

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        var host = text.AsSpan().Trim();
        if (host.Length > 1 && host[^1] == '.') host = host[..^1];

        if (!HostNames.IsDomainWithTld(host, out var labels))
        {
            result = default;
            error = ParseMessages.NotA(text, "a valid domain");
            return false;
        }
        if (!allowSubdomains && labels > PublicSuffixes.RegistrableLabelCount(host))
        {
            result = default;
            error = $"'{ParseMessages.Quote(text)}' is a subdomain; only a domain such as 'example.com' is allowed.";
            return false;
        }

        result = CellValue.FromString(LowerCase(text, host));
        error = null;
        return true;
    }

    private static string LowerCase(string text, ReadOnlySpan<char> host)
    {
        foreach (var c in host)
        {
            if (!char.IsUpper(c)) continue;
            Span<char> lower = stackalloc char[host.Length]; // a valid host has at most 253 characters
            host.ToLowerInvariant(lower);
            return new string(lower);
        }
        return Trimmed.Of(text, host);
    }
}
