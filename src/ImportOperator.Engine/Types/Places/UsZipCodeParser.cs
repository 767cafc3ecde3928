using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>
/// us-zip-code: the 5-digit ZIP code. "94105" stays; "94105-1234", "94105 1234" and "941051234" (ZIP+4) keep the
/// first five digits; "342" and "0342" are left-padded to "00342", since spreadsheets store ZIP codes as numbers
/// and drop leading zeros. Anything else is an error.
/// </summary>
internal sealed class UsZipCodeParser : IFieldTypeParser
{
    public static readonly UsZipCodeParser Instance = new();

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        var zip = text.AsSpan().Trim();
        if (TryReadFiveDigits(zip, out var five))
        {
            result = CellValue.FromString(five.Length == 5 && text.Length == 5 ? text : Pad(five));
            error = null;
            return true;
        }
        result = default;
        error = ParseMessages.NotA(text, "a valid US ZIP code");
        return false;
    }

    private static bool TryReadFiveDigits(ReadOnlySpan<char> zip, out ReadOnlySpan<char> five)
    {
        five = zip;
        if (zip.Length == 10 && zip[5] is '-' or ' ')
        {
            five = zip[..5];
            return IsDigits(five) && IsDigits(zip[6..]);
        }
        if (!IsDigits(zip)) return false;
        if (zip.Length == 9) five = zip[..5];
        return zip.Length is >= 3 and <= 5 or 9;
    }

    private static string Pad(ReadOnlySpan<char> digits)
    {
        Span<char> padded = stackalloc char[5];
        padded[..(5 - digits.Length)].Fill('0');
        digits.CopyTo(padded[(5 - digits.Length)..]);
        return new string(padded);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return !text.IsEmpty;
    }
}
