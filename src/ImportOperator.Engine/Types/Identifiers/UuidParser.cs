using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>
/// uuid: 8-4-4-4-12 hex digits, in any case, optionally in braces or after "urn:uuid:", or 32 hex digits without
/// dashes → the lower-case 8-4-4-4-12 form. Version and variant bits are not checked (the nil UUID is accepted).
/// </summary>
internal sealed class UuidParser : IFieldTypeParser
{
    public static readonly UuidParser Instance = new();

    private const int CanonicalLength = 36;

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        Span<char> canonical = stackalloc char[CanonicalLength];
        var uuid = text.AsSpan().Trim();
        if (uuid.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)) uuid = uuid[9..];
        if (uuid.Length >= 2 && uuid[0] == '{' && uuid[^1] == '}') uuid = uuid[1..^1];

        if (!TryCanonicalize(uuid, canonical))
        {
            result = default;
            error = ParseMessages.NotA(text, "a valid UUID");
            return false;
        }
        result = CellValue.FromString(canonical.SequenceEqual(text) ? text : new string(canonical));
        error = null;
        return true;
    }

    private static bool TryCanonicalize(ReadOnlySpan<char> uuid, Span<char> canonical)
    {
        var dashed = uuid.Length == CanonicalLength;
        if (!dashed && uuid.Length != 32) return false;

        var source = 0;
        for (var i = 0; i < CanonicalLength; i++)
        {
            if (i is 8 or 13 or 18 or 23)
            {
                canonical[i] = '-';
                if (dashed && uuid[source++] != '-') return false;
                continue;
            }
            var c = uuid[source++];
            if (!char.IsAsciiHexDigit(c)) return false;
            canonical[i] = char.ToLowerInvariant(c);
        }
        return true;
    }
}
