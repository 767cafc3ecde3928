using System.Globalization;
using System.Text;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// Rewrites an ECMAScript (JavaScript) pattern into .NET syntax with the same meaning where the two differ and a
/// rewrite is possible. .NET's own RegexOptions.ECMAScript is not used: it cannot be combined with the options
/// needed here (dotAll, NonBacktracking, CultureInvariant).
/// </summary>
/// <remarks>
/// Rewritten outside character classes: <c>\d \D \w \W \s \S</c> to JavaScript's ASCII / JavaScript-space sets,
/// <c>.</c> to "anything but a line terminator" (or anything with dotAll), <c>$</c> without multiline to end of
/// input (.NET's <c>$</c> also matches before a final newline), <c>[^]</c> and <c>[]</c>. With multiline, <c>^</c>
/// and <c>$</c> are .NET's, which see only \n as a line break (JavaScript also \r, U+2028, U+2029): the exact
/// rewrite needs lookarounds, which would rule out the linear-time engine for every multiline pattern.
/// Inside classes: <c>\d \w \s</c> likewise, and <c>[</c> is made literal (.NET reads <c>-[</c> as subtraction).
/// Escapes of letters JavaScript does not know (<c>\a \e \z \A \Z \G</c>, ...) are literal letters, as in
/// JavaScript; in unicode mode they are an error, as in JavaScript. Unicode mode also takes <c>\u{1F600}</c> and
/// <c>\p{Letter}</c>-style long category names, and its <c>.</c> takes a surrogate pair as one character.
/// </remarks>
internal static class EcmaScriptRegexTranslator
{
    private const string JsSpaceSet = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
    private const string JsWordSet = "a-zA-Z0-9_";
    private const string LineTerminatorSet = @"\n\r\u2028\u2029";

    /// <exception cref="ArgumentException">The pattern uses syntax that has no .NET equivalent.</exception>
    public static string Translate(string pattern, bool unicode, bool dotAll, bool multiline)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i = TranslateEscape(pattern, i, inClass, unicode, output);
            }
            else if (inClass)
            {
                if (c == ']') inClass = false;
                output.Append(c == '[' ? @"\[" : c.ToString());
            }
            else if (c == '[')
            {
                if (pattern.AsSpan(i).StartsWith("[^]")) { output.Append(@"[\s\S]"); i += 2; }
                else if (pattern.AsSpan(i).StartsWith("[]")) { output.Append(@"[^\s\S]"); i += 1; }
                else
                {
                    inClass = true;
                    output.Append('[');
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') { output.Append('^'); i++; }
                }
            }
            else if (c == '.') output.Append(Dot(unicode, dotAll));
            else if (c == '$') output.Append(multiline ? "$" : @"\z");
            else output.Append(c);
        }
        return output.ToString();
    }

    /// <summary>
    /// JavaScript's <c>.</c>: any character but a line terminator (any at all with dotAll); in unicode mode a
    /// whole code point, so a surrogate pair is one character (an unpaired surrogate then matches nothing).
    /// </summary>
    private static string Dot(bool unicode, bool dotAll) => (unicode, dotAll) switch
    {
        (false, false) => $"[^{LineTerminatorSet}]",
        (false, true) => @"[\s\S]",
        (true, false) => $@"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^{LineTerminatorSet}\uD800-\uDFFF])",
        (true, true) => @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDFFF])",
    };

    /// <summary>Appends the translation of the escape starting at <paramref name="start"/>; returns its last index.</summary>
    private static int TranslateEscape(string pattern, int start, bool inClass, bool unicode, StringBuilder output)
    {
        if (start + 1 >= pattern.Length)
        {
            output.Append('\\'); // .NET reports "illegal \ at end of pattern", as JavaScript would
            return start;
        }
        var escaped = pattern[start + 1];
        var end = start + 1;
        switch (escaped)
        {
            case 'd': output.Append(inClass ? "0-9" : "[0-9]"); break;
            case 'D': output.Append(inClass ? @"\D" : "[^0-9]"); break;
            case 'w': output.Append(inClass ? JsWordSet : $"[{JsWordSet}]"); break;
            case 'W': output.Append(inClass ? @"\W" : $"[^{JsWordSet}]"); break;
            case 's': output.Append(inClass ? JsSpaceSet : $"[{JsSpaceSet}]"); break;
            case 'S': output.Append(inClass ? @"\S" : $"[^{JsSpaceSet}]"); break;
            case 'u' when unicode && end + 1 < pattern.Length && pattern[end + 1] == '{':
                end = AppendCodePointEscape(pattern, end + 1, output);
                break;
            case 'p' or 'P' when unicode:
                end = AppendPropertyEscape(pattern, end, output);
                break;
            case 'b' or 'B' or 'f' or 'n' or 'r' or 't' or 'v' or 'c' or 'x' or 'u' or 'k' or '0':
                output.Append('\\').Append(escaped);
                break;
            case >= '1' and <= '9':
                output.Append('\\').Append(escaped);
                break;
            default:
                if (char.IsAsciiLetter(escaped))
                {
                    if (unicode)
                        throw new ArgumentException($"Invalid escape '\\{escaped}' in unicode mode.");
                    output.Append(escaped); // JavaScript: an unknown letter escape is the letter itself
                }
                else if (char.IsLetterOrDigit(escaped)) output.Append(escaped);
                else output.Append('\\').Append(escaped);
                break;
        }
        return end;
    }

    /// <summary>\u{XXXXX} (unicode mode) → the code point as .NET \uXXXX escapes (a surrogate pair above U+FFFF).</summary>
    private static int AppendCodePointEscape(string pattern, int openBrace, StringBuilder output)
    {
        var close = pattern.IndexOf('}', openBrace);
        var hex = close < 0 ? "" : pattern[(openBrace + 1)..close];
        if (hex.Length == 0 || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint)
            || codePoint > 0x10FFFF)
            throw new ArgumentException($"Invalid code point escape '\\u{{{hex}}}'.");
        foreach (var unit in char.ConvertFromUtf32(codePoint))
            output.Append(CultureInfo.InvariantCulture, $"\\u{(int)unit:X4}");
        return close;
    }

    /// <summary>\p{...} / \P{...} (unicode mode): general categories by short or long name.</summary>
    private static int AppendPropertyEscape(string pattern, int letterIndex, StringBuilder output)
    {
        var open = letterIndex + 1;
        var close = open < pattern.Length && pattern[open] == '{' ? pattern.IndexOf('}', open) : -1;
        if (close < 0) throw new ArgumentException($"Invalid property escape at offset {letterIndex - 1}.");
        var name = pattern[(open + 1)..close];
        output.Append('\\').Append(pattern[letterIndex]).Append('{').Append(ToNetCategory(name)).Append('}');
        return close;
    }

    private static string ToNetCategory(string name)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["General_Category=", "gc="])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name[prefix.Length..];
        }
        if (name.StartsWith("Script=", StringComparison.Ordinal) || name.StartsWith("sc=", StringComparison.Ordinal) ||
            name.StartsWith("Script_Extensions=", StringComparison.Ordinal) || name.StartsWith("scx=", StringComparison.Ordinal))
            throw new ArgumentException(
                $"Unicode script properties (\\p{{{name}}}) are not supported; use a character range or a .NET block such as \\p{{IsGreekandCoptic}}.");
        return LongCategoryNames.TryGetValue(name, out var shortName) ? shortName : name;
    }

    private static readonly Dictionary<string, string> LongCategoryNames = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll", ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo",
        ["Mark"] = "M", ["Combining_Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc",
        ["Enclosing_Mark"] = "Me",
        ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd",
        ["Open_Punctuation"] = "Ps", ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi",
        ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po",
        ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk",
        ["Other_Symbol"] = "So",
        ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp",
        ["Other"] = "C", ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs",
        ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };
}
