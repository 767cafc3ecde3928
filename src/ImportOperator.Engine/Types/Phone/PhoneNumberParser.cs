using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>
/// phone-number: E.164 ("+14155550123"). International numbers start with '+', "00", or (in NANP countries)
/// "011"; other numbers are national numbers of typeOptions.country (default US), whose trunk prefix is dropped
/// ("020 7946 0958" in GB → +442079460958; "(0)" after a calling code too). Spaces, dots, dashes, slashes and
/// parentheses are ignored; an extension at the end ("x123", "ext. 12", "#12") is dropped, the number kept.
/// Numbers of a known calling code must have a national length of that country (NANP: area code and exchange
/// not starting with 0 or 1); numbers of other calling codes must be 8-15 digits in all, as E.164 allows.
/// </summary>
internal sealed class PhoneNumberParser(PhoneCountry home) : IFieldTypeParser
{
    private const int MaxDigits = 18;
    private const int MinInternationalDigits = 8;
    private const int MaxE164Digits = 15;

    public static IFieldTypeParser? Create(TypeOptions? options, string optionsPath, SchemaProblems problems)
    {
        var iso = options?.Country ?? "US";
        if (PhoneCountries.TryGet(iso, out var country)) return new PhoneNumberParser(country);
        problems.Add(optionsPath + ".country", $"unknown or unsupported country '{iso}' for phone numbers; expected an ISO 3166-1 alpha-2 code among {string.Join(", ", PhoneCountries.IsoCodes)}");
        return null;
    }

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        Span<char> e164 = stackalloc char[MaxDigits + 4];
        if (!TryFormat(WithoutExtension(text.AsSpan().Trim()), e164, out var length))
        {
            result = default;
            error = ParseMessages.NotA(text, "a valid phone number");
            return false;
        }
        result = CellValue.FromString(new string(e164[..length]));
        error = null;
        return true;
    }

    private bool TryFormat(ReadOnlySpan<char> text, Span<char> e164, out int length)
    {
        length = 0;
        Span<char> buffer = stackalloc char[MaxDigits];
        if (!TryCollectDigits(text, buffer, out var digitCount, out var international)) return false;
        ReadOnlySpan<char> digits = buffer[..digitCount];

        if (!international && digits.StartsWith("00"))
        {
            international = true;
            digits = digits[2..];
        }
        else if (!international && home.IsNanp && digits.StartsWith("011"))
        {
            international = true;
            digits = digits[3..];
        }

        if (!international) return TryFormatNational(home, digits, e164, out length);
        if (PhoneCountries.TryMatchCallingCode(digits, out var countries, out var codeLength))
        {
            var national = digits[codeLength..];
            if (countries[0].TrunkPrefix == "0" && national.StartsWith('0')) national = national[1..]; // "+44 (0)20 ..."
            foreach (var country in countries)
            {
                if (IsValidNational(country, national)) return Write(country.CallingCode, national, e164, out length);
            }
            return false;
        }
        return digits.Length is >= MinInternationalDigits and <= MaxE164Digits && Write("", digits, e164, out length);
    }

    private static bool TryFormatNational(PhoneCountry country, ReadOnlySpan<char> digits, Span<char> e164, out int length)
    {
        length = 0;
        if (country.IsNanp)
        {
            if (digits.Length == 11 && digits[0] == '1') digits = digits[1..];
        }
        else if (country.TrunkPrefix.Length > 0 && digits.StartsWith(country.TrunkPrefix)
                 && IsValidNational(country, digits[country.TrunkPrefix.Length..]))
        {
            digits = digits[country.TrunkPrefix.Length..];
        }
        return IsValidNational(country, digits) && Write(country.CallingCode, digits, e164, out length);
    }

    private static bool IsValidNational(PhoneCountry country, ReadOnlySpan<char> national)
    {
        if (!country.HasValidLength(national)) return false;
        if (country.IsNanp) return national[0] >= '2' && national[3] >= '2'; // area code, then exchange
        return true;
    }

    private static bool Write(string callingCode, ReadOnlySpan<char> national, Span<char> e164, out int length)
    {
        e164[0] = '+';
        callingCode.CopyTo(e164[1..]);
        national.CopyTo(e164[(1 + callingCode.Length)..]);
        length = 1 + callingCode.Length + national.Length;
        return length - 1 <= MaxE164Digits;
    }

    /// <summary>Digits only; '+' allowed first; separators people use are skipped; anything else fails.</summary>
    private static bool TryCollectDigits(ReadOnlySpan<char> text, Span<char> digits, out int count, out bool international)
    {
        count = 0;
        international = false;
        if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) text = text[4..];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length) return false;
                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !international) international = true;
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0' or '\u2010' or '\u2011' or '\u2013')) return false;
        }
        return count > 0;
    }

    /// <summary>Cuts an extension off the end: "x123", "ext. 12", "extension 5", "#12".</summary>
    private static ReadOnlySpan<char> WithoutExtension(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        while (end > 0 && char.IsAsciiDigit(text[end - 1])) end--;
        if (end == text.Length || end == 0) return text;

        var marker = end;
        while (marker > 0 && text[marker - 1] is ' ' or '.' or ':') marker--;
        if (marker > 0 && text[marker - 1] == '#') return text[..(marker - 1)].TrimEnd();

        var wordStart = marker;
        while (wordStart > 0 && char.IsAsciiLetter(text[wordStart - 1])) wordStart--;
        var word = text[wordStart..marker];
        var isExtension = word.Equals("x", StringComparison.OrdinalIgnoreCase) || word.Equals("ext", StringComparison.OrdinalIgnoreCase)
            || word.Equals("extn", StringComparison.OrdinalIgnoreCase) || word.Equals("extension", StringComparison.OrdinalIgnoreCase);
        return isExtension && wordStart > 0 ? text[..wordStart].TrimEnd() : text;
    }
}
