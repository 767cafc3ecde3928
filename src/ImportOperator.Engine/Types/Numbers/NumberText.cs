using System.Globalization;

namespace ImportOperator.Engine.Types;

/// <summary>
/// Reads a number written the way people write them in spreadsheets, under one locale's separators:
/// an optional sign (+, -, U+2212) or accounting parentheses, an optional currency symbol before or after,
/// digit groups ("1,234,567" or Indian "12,34,567" where the locale uses it) with one consistent separator,
/// a decimal part, an exponent ("1.5e3"), or a trailing percent sign (12% is 0.12).
/// Anything else, including groups of the wrong size ("1,2,3.4.5"), is not a number.
/// </summary>
internal static class NumberText
{
    private const int StackBufferLength = 128;

    public static bool TryRead(ReadOnlySpan<char> text, LocaleConventions locale, out double value)
    {
        value = 0;
        var body = text.Trim();
        if (!TryStripAffixes(ref body, out var negative, out var percent)) return false;
        if (body.IsEmpty) return false;

        Span<char> buffer = body.Length + 4 <= StackBufferLength ? stackalloc char[StackBufferLength] : new char[body.Length + 4];
        var length = 0;
        if (negative) buffer[length++] = '-';
        if (!TryNormalizeBody(body, locale, buffer, ref length, out var hasExponent)) return false;
        if (percent && !hasExponent)
        {
            // "12.3%" is read as 12.3e-2 so that the result is the nearest double to 0.123, not 12.3 / 100.
            "e-2".CopyTo(buffer[length..]);
            length += 3;
        }

        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (!double.TryParse(buffer[..length], Styles, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            return false;
        if (percent && hasExponent) value /= 100;
        return true;
    }

    /// <summary>Removes sign, parentheses, currency and percent around the digits.</summary>
    private static bool TryStripAffixes(ref ReadOnlySpan<char> body, out bool negative, out bool percent)
    {
        negative = false;
        percent = false;
        if (body.Length >= 2 && body[0] == '(' && body[^1] == ')')
        {
            negative = true;
            body = body[1..^1].Trim();
        }

        bool sawSign = false, sawCurrency = false;
        while (!body.IsEmpty)
        {
            var c = body[0];
            if (!sawSign && c is '+' or '-' or '\u2212')
            {
                if (negative) return false; // "(-12)" is not a way to write a number
                negative = c != '+';
                sawSign = true;
            }
            else if (!sawCurrency && IsCurrencySymbol(c)) sawCurrency = true;
            else break;
            body = body[1..].TrimStart();
        }

        if (body.IsEmpty) return true;
        if (body[^1] == '%')
        {
            percent = true;
            body = body[..^1].TrimEnd();
        }
        else if (!sawCurrency && IsCurrencySymbol(body[^1])) body = body[..^1].TrimEnd();
        return true;
    }

    private static bool IsCurrencySymbol(char c) =>
        c > 0x7F ? char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol : c == '$';

    /// <summary>Copies digits, '.', and the exponent into <paramref name="buffer"/>, checking digit groups.</summary>
    private static bool TryNormalizeBody(ReadOnlySpan<char> body, LocaleConventions locale, Span<char> buffer, ref int length, out bool hasExponent)
    {
        hasExponent = false;
        var groupSeparators = locale.GroupSeparators;
        var grouping = new DigitGrouping();
        var mantissaDigits = 0;
        var seenDecimal = false;

        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (char.IsAsciiDigit(c))
            {
                buffer[length++] = c;
                mantissaDigits++;
                grouping.Digit();
            }
            else if (c == locale.DecimalSeparator && !seenDecimal)
            {
                if (!grouping.IsValid(locale.IndianGrouping)) return false;
                seenDecimal = true;
                buffer[length++] = '.';
            }
            else if (!seenDecimal && groupSeparators.Contains(c))
            {
                if (!grouping.Separator(c)) return false;
            }
            else if (c is 'e' or 'E' && mantissaDigits > 0)
            {
                if (!seenDecimal && !grouping.IsValid(locale.IndianGrouping)) return false;
                hasExponent = true;
                return TryCopyExponent(body[(i + 1)..], buffer, ref length);
            }
            else return false;
        }

        if (mantissaDigits == 0) return false;
        return seenDecimal || grouping.IsValid(locale.IndianGrouping);
    }

    private static bool TryCopyExponent(ReadOnlySpan<char> exponent, Span<char> buffer, ref int length)
    {
        buffer[length++] = 'e';
        if (!exponent.IsEmpty && exponent[0] is '+' or '-')
        {
            buffer[length++] = exponent[0];
            exponent = exponent[1..];
        }
        if (exponent.IsEmpty || exponent.Length > 5) return false;
        foreach (var c in exponent)
        {
            if (!char.IsAsciiDigit(c)) return false;
            buffer[length++] = c;
        }
        return true;
    }

    /// <summary>Tracks the digit groups of the integer part: "1,234,567" has runs 1, 3, 3.</summary>
    private struct DigitGrouping
    {
        private int _run;
        private int _separators;
        private int _firstRun;
        private bool _middleRunsAreThree;
        private bool _middleRunsAreTwo;
        private char _separator;

        public void Digit() => _run++;

        /// <summary>Ends a run at a group separator; false when the separator differs from the first one.</summary>
        public bool Separator(char separator)
        {
            if (_separators == 0)
            {
                _firstRun = _run;
                _middleRunsAreThree = _middleRunsAreTwo = true;
                _separator = separator;
            }
            else
            {
                if (separator != _separator) return false;
                _middleRunsAreThree &= _run == 3;
                _middleRunsAreTwo &= _run == 2;
            }
            _separators++;
            _run = 0;
            return true;
        }

        /// <summary>Checks the groups at the end of the integer part (the last run is the one in progress).</summary>
        public readonly bool IsValid(bool allowIndian)
        {
            if (_separators == 0) return true;
            if (_run != 3) return false;
            if (_firstRun is >= 1 and <= 3 && _middleRunsAreThree) return true;
            return allowIndian && _firstRun is 1 or 2 && _middleRunsAreTwo;
        }
    }
}
