using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>
/// email: trimmed; exactly one '@'; a local part of 1-64 characters without spaces, dots at either end or two
/// dots in a row (letters of any script, digits and the RFC 5322 atom symbols); a domain with a TLD. Outputs the
/// trimmed text unchanged (no lower-casing: the local part is case-sensitive by the standard).
/// </summary>
internal sealed class EmailParser : IFieldTypeParser
{
    public static readonly EmailParser Instance = new();

    private const int MaxLocalLength = 64;
    private const int MaxAddressLength = 254;

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        var address = text.AsSpan().Trim();
        var at = address.IndexOf('@');
        if (at <= 0 || address.Length > MaxAddressLength || address[(at + 1)..].Contains('@')
            || !IsLocalPart(address[..at]) || !HostNames.IsDomainWithTld(address[(at + 1)..], out _))
        {
            result = default;
            error = ParseMessages.NotA(text, "a valid email address");
            return false;
        }

        result = CellValue.FromString(Trimmed.Of(text, address));
        error = null;
        return true;
    }

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local.Length > MaxLocalLength || local[0] == '.' || local[^1] == '.') return false;
        var previous = '\0';
        foreach (var c in local)
        {
            if (c == '.' && previous == '.') return false;
            if (!IsLocalChar(c)) return false;
            previous = c;
        }
        return true;
    }

    private static bool IsLocalChar(char c) =>
        char.IsAsciiLetterOrDigit(c)
        || c is '.' or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '/' or '=' or '?' or '^' or '_'
            or '`' or '{' or '|' or '}' or '~' or '-'
        || (c > 0x7F && char.IsLetterOrDigit(c));
}
