using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>
/// ssn: nine digits, bare ("123456789") or grouped 3-2-4 with '-' or spaces ("123-45-6789", "123 45 6789") →
/// "123-45-6789". Numbers the SSA never issues are errors: area 000, 666 or 900-999, group 00, serial 0000.
/// </summary>
internal sealed class SsnParser : IFieldTypeParser
{
    public static readonly SsnParser Instance = new();

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        Span<char> digits = stackalloc char[9];
        if (!TryReadDigits(text.AsSpan().Trim(), digits) || !IsIssuable(digits))
        {
            result = default;
            error = ParseMessages.NotA(text, "a valid SSN");
            return false;
        }
        Span<char> formatted = stackalloc char[11];
        digits[..3].CopyTo(formatted);
        formatted[3] = '-';
        digits.Slice(3, 2).CopyTo(formatted[4..]);
        formatted[6] = '-';
        digits[5..].CopyTo(formatted[7..]);
        result = CellValue.FromString(new string(formatted));
        error = null;
        return true;
    }

    private static bool TryReadDigits(ReadOnlySpan<char> ssn, Span<char> digits)
    {
        if (ssn.Length == 9) return TryCopyDigits(ssn, digits);
        if (ssn.Length != 11 || ssn[3] is not ('-' or ' ') || ssn[6] is not ('-' or ' ')) return false;
        return TryCopyDigits(ssn[..3], digits) && TryCopyDigits(ssn.Slice(4, 2), digits[3..]) && TryCopyDigits(ssn[7..], digits[5..]);
    }

    private static bool TryCopyDigits(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            if (!char.IsAsciiDigit(source[i])) return false;
            destination[i] = source[i];
        }
        return true;
    }

    private static bool IsIssuable(ReadOnlySpan<char> digits)
    {
        var area = digits[..3];
        if (area is "000" or "666" || area[0] == '9') return false;
        return digits.Slice(3, 2) is not "00" && digits[5..] is not "0000";
    }
}
