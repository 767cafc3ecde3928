namespace ImportOperator.Engine.Reading;

/// <summary>
/// Signatures of common files that people upload by mistake (a screenshot, a PDF, a compressed export), so the
/// message can say what the file is rather than only that it is not a table.
/// </summary>
internal static class BinarySignatures
{
    public static string? Name(ReadOnlySpan<byte> head) => head switch
    {
        _ when head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) => "a PNG image",
        _ when head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) => "a JPEG image",
        _ when head.StartsWith("GIF8"u8) => "a GIF image",
        _ when head.StartsWith("%PDF"u8) => "a PDF document",
        _ when head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) => "a gzip-compressed file",
        _ when head.StartsWith("Rar!"u8) => "a RAR archive",
        _ when head.StartsWith((ReadOnlySpan<byte>)[(byte)'7', (byte)'z', 0xBC, 0xAF]) => "a 7-Zip archive",
        _ => null,
    };
}
