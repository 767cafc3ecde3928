using System.Text;
using static ImportOperator.Engine.Tests.Reading.ReaderTestKit;

namespace ImportOperator.Engine.Tests.Reading;

public class EncodingTests
{
    private const string Csv = "name,city\r\nMüller,Zürich\r\nBjörk,Reykjavík\r\n";

    public static TheoryData<string, byte[]> EncodedFiles() => new()
    {
        { "UTF-8 without BOM", Encoding.UTF8.GetBytes(Csv) },
        { "UTF-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv)] },
        { "UTF-16 LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv)] },
        { "UTF-16 BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Csv)] },
        { "Windows-1252", Latin1(Csv) },
    };

    [Theory]
    [MemberData(nameof(EncodedFiles))]
    public void Names_with_accents_read_the_same_in_every_encoding(string encoding, byte[] bytes)
    {
        foreach (var seekable in new[] { true, false })
        {
            var rows = ReadAll(bytes, seekable: seekable);

            Assert.True(rows.Count == 3, $"{encoding}: {rows.Count} rows");
            Assert.Equal(["name", "city"], rows[0]); // no BOM left in the first header
            Assert.Equal(["Müller", "Zürich"], rows[1]);
            Assert.Equal(["Björk", "Reykjavík"], rows[2]);
        }
    }

    [Fact]
    public void A_latin1_byte_late_in_a_large_file_makes_the_whole_file_windows_1252()
    {
        // 3 MB of ASCII, then "Müller" saved by a legacy program: every row must decode the same way.
        var text = new StringBuilder("id,name\n");
        for (var i = 0; text.Length < 3_000_000; i++)
        {
            text.Append(i).Append(",Anna\n");
        }

        text.Append("last,Müller\n");
        var rows = ReadAll(Latin1(text.ToString()));

        Assert.Equal(["last", "Müller"], rows[^1]);
    }

    [Fact]
    public void Utf8_multibyte_characters_across_validation_chunks_stay_utf8()
    {
        // Each "€" is 3 bytes; with 1 MB chunks some of them straddle a chunk boundary.
        var text = new StringBuilder("price\n");
        while (text.Length < 1_200_000)
        {
            text.Append("€1\n");
        }

        var rows = ReadAll(Encoding.UTF8.GetBytes(text.ToString()));

        Assert.All(rows.Skip(1), row => Assert.Equal("€1", row[0]));
    }

    [Fact]
    public void A_windows_1252_euro_sign_decodes_as_euro_not_as_a_control_character()
    {
        var rows = ReadAll([.. "price\n"u8, 0x80, .. "5\n"u8]); // 0x80 is the euro sign in Windows-1252

        Assert.Equal("€5", rows[1][0]);
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
