using System.IO.Compression;
using System.Text;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>
/// The hostile-file corpus: every input is generated here, the large ones streamed (see <see cref="GeneratedStream"/>).
/// The files share one header, name,email,amount, so that each import maps its columns and reaches the rows.
/// </summary>
public static class HostileCorpus
{
    public const long OneGigabyte = 1L << 30;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static HostileFile Csv(string name, string text, string what) => HostileFile.FromBytes(name, name, Utf8(text), what);

    // Malformed CSV -----------------------------------------------------------------------------------------------

    public static HostileFile UnclosedQuoteAtEof { get; } =
        Csv("unclosed-quote.csv", "name,email,amount\nAnn,ann@example.com,1\nBob,\"bob@example.com,2\nCid,cid@example.com,3\n",
            "a quoted field opened on line 3 and never closed");

    public static HostileFile QuoteInUnquotedField { get; } =
        Csv("stray-quote.csv", "name,email,amount\nAn\"n,ann@example.com,1\n\"Bob\"by,bob@example.com,2\n",
            "a quote inside an unquoted field, text after a closing quote");

    public static HostileFile RaggedRows { get; } =
        Csv("ragged.csv", "name,email,amount\nAnn\nBob,bob@example.com,2,extra,more\nCid,cid@example.com\n",
            "rows shorter and longer than the header");

    public static HostileFile OnlyHeader { get; } = Csv("header-only.csv", "name,email,amount\n", "a header and no rows");

    public static HostileFile Empty { get; } = HostileFile.FromBytes("empty.csv", "empty.csv", [], "0 bytes");

    public static HostileFile OnlyBom { get; } = HostileFile.FromBytes("bom-only.csv", "bom-only.csv", [0xEF, 0xBB, 0xBF], "a UTF-8 BOM and nothing else");

    public static HostileFile NulBytes { get; } =
        HostileFile.FromBytes("nul.csv", "nul.csv", Utf8("name,email,amount\nA\0n\0n,ann@example.com,1\n"), "NUL bytes inside a cell");

    public static HostileFile MixedLineEndings { get; } =
        Csv("mixed-endings.csv", "name,email,amount\r\nAnn,ann@example.com,1\nBob,bob@example.com,2\rCid,cid@example.com,3\r\n",
            "CRLF, LF and CR line endings in one file");

    public static HostileFile CarriageReturnOnly { get; } =
        Csv("cr-only.csv", "name,email,amount\rAnn,ann@example.com,1\rBob,bob@example.com,2\r", "classic Mac line endings (CR only)");

    public static HostileFile DuplicateAndBlankHeaders { get; } =
        Csv("duplicate-headers.csv", "name,email,email,,amount,\nAnn,ann@example.com,ann@work.example,,1,\n",
            "a header repeating a field's name, with blank titles");

    // Encodings ---------------------------------------------------------------------------------------------------

    public static HostileFile InvalidUtf8 { get; } = HostileFile.FromBytes("invalid-utf8.csv", "invalid-utf8.csv",
        [.. Utf8("name,email,amount\nJos"), 0xC3, 0x28, .. Utf8(",jose@example.com,1\n")], "bytes that are not UTF-8 (0xC3 0x28)");

    public static HostileFile Utf16WithoutBom { get; } = HostileFile.FromBytes("utf16-no-bom.csv", "utf16-no-bom.csv",
        Encoding.Unicode.GetBytes("name,email,amount\r\nAnn,ann@example.com,1\r\n"), "UTF-16 LE text without a byte order mark");

    public static HostileFile TruncatedMultiByte { get; } = HostileFile.FromBytes("truncated-utf8.csv", "truncated-utf8.csv",
        [.. Utf8("name,email,amount\nJos\u00e9,jose@example.com,1\nRen"), 0xC3], "a two-byte character cut off at the end of the file");

    // Workbooks ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// An XLSX whose sheet inflates to <paramref name="sheetBytes"/> of one row repeated: a few hundred KB on the wire,
    /// far more once read (a zip bomb with honest sizes).
    /// </summary>
    public static HostileFile ZipBomb(long sheetBytes = 256L << 20)
    {
        var bytes = Workbook(sheet =>
        {
            var head = Utf8("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            var row = Utf8("""<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaa</t></is></c></row>""");
            var tail = Utf8("</sheetData></worksheet>");
            var repeated = new byte[row.Length * 1024];
            for (var i = 0; i < 1024; i++) row.CopyTo(repeated, i * row.Length);
            var body = sheetBytes - head.Length - tail.Length;
            new GeneratedStream(head, repeated, tail, head.Length + body / repeated.Length * repeated.Length + tail.Length).WriteTo(sheet);
        }, CompressionLevel.Optimal);
        return HostileFile.FromBytes("zip-bomb.xlsx", "zip-bomb.xlsx", bytes, $"an XLSX whose sheet inflates to {sheetBytes >> 20} MB ({bytes.Length / 1024} KB zipped)");
    }

    /// <summary>
    /// The zip bomb with lying sizes: its headers declare a 1 KB sheet, so a ratio check on the declared sizes passes,
    /// while the data inflates to <paramref name="sheetBytes"/>.
    /// </summary>
    public static HostileFile LyingZipBomb(long sheetBytes = 256L << 20)
    {
        var bytes = ZipBomb(sheetBytes).Open().ReadAllBytes();
        const uint declared = 1024;
        var sheetName = Utf8("xl/worksheets/sheet1.xml");
        // Local file header: uncompressed size at offset 22, name at 30; central directory header: size at 24, name at 46.
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (bytes.AsSpan(i).StartsWith("PK\u0003\u0004"u8) && bytes.AsSpan(i + 30).StartsWith(sheetName))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22), declared);
            if (bytes.AsSpan(i).StartsWith("PK\u0001\u0002"u8) && bytes.AsSpan(i + 46).StartsWith(sheetName))
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24), declared);
        }

        return HostileFile.FromBytes("lying-zip-bomb.xlsx", "lying-zip-bomb.xlsx", bytes,
            $"an XLSX whose headers declare a 1 KB sheet that inflates to {sheetBytes >> 20} MB");
    }

    public static HostileFile BillionLaughs { get; } = HostileFile.FromBytes("billion-laughs.xlsx", "billion-laughs.xlsx", Workbook(sheet =>
        sheet.Write(Utf8("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
            <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
            <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>email</t></is></c></row>
            <row><c t="inlineStr"><is><t>&lol9;</t></is></c><c t="inlineStr"><is><t>a@example.com</t></is></c></row>
            </sheetData></worksheet>
            """))), "an XLSX sheet with the billion-laughs entity expansion in its DOCTYPE");

    public static HostileFile ExternalEntity { get; } = HostileFile.FromBytes("external-entity.xlsx", "external-entity.xlsx", Workbook(sheet =>
        sheet.Write(Utf8("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>email</t></is></c></row>
            <row><c t="inlineStr"><is><t>&secret;</t></is></c><c t="inlineStr"><is><t>a@example.com</t></is></c></row>
            </sheetData></worksheet>
            """))), "an XLSX sheet with an external entity pointing at /etc/passwd");

    public static HostileFile XlsxNotAZip { get; } = HostileFile.FromBytes("not-a-zip.xlsx", "not-a-zip.xlsx",
        [.. Utf8("PK\u0003\u0004"), .. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))], "a ZIP signature followed by garbage");

    public static HostileFile XlsNotAWorkbook { get; } = HostileFile.FromBytes("garbage.xls", "garbage.xls",
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))],
        "an OLE2 (XLS) signature followed by garbage");

    public static HostileFile ZipNotXlsx { get; } = HostileFile.FromBytes("archive.xlsx", "archive.xlsx", Zip(zip =>
    {
        using var entry = zip.CreateEntry("readme.txt").Open();
        entry.Write(Utf8("name,email\nAnn,ann@example.com\n"));
    }), "a ZIP archive of a text file, named .xlsx");

    // JSON --------------------------------------------------------------------------------------------------------

    public static HostileFile DeeplyNestedJson { get; } = HostileFile.FromBytes("nested.json", "nested.json",
        Utf8("[{\"name\":" + new string('[', 100_000) + new string(']', 100_000) + "}]"), "a value nested 100,000 levels deep");

    /// <summary>One object whose "name" is a string of <paramref name="length"/> bytes.</summary>
    public static HostileFile HugeJsonString(long length = 80L << 20) => HostileFile.Streamed("huge-string.json", "huge-string.json",
        Utf8("[{\"email\":\"a@example.com\",\"name\":\""), Utf8(new string('x', 4096)), Utf8("\"}]"), length,
        $"one JSON string value of about {length >> 20} MB");

    /// <summary>One object whose "name" is an array of about <paramref name="length"/> bytes of 1 KB strings.</summary>
    public static HostileFile HugeJsonArrayValue(long length = 80L << 20)
    {
        byte[] head = Utf8("[{\"email\":\"a@example.com\",\"name\":[\"\""), item = Utf8(",\"" + new string('x', 1021) + "\""), tail = Utf8("]}]");
        // Whole items only: the file must stay valid JSON to its end, so that only the cell's size is at fault.
        return HostileFile.Streamed("huge-array-value.json", "huge-array-value.json", head, item, tail,
            head.Length + length / item.Length * item.Length + tail.Length, $"one cell holding a JSON array of about {length >> 20} MB");
    }

    public static HostileFile HugeArrayOfScalars(long length = 256L << 20) => HostileFile.Streamed("scalars.json", "scalars.json",
        Utf8("[0"), Utf8(string.Concat(Enumerable.Repeat(",1234567", 512))), Utf8("]"), length,
        $"a {length >> 20} MB JSON array of numbers instead of objects");

    // Size --------------------------------------------------------------------------------------------------------

    /// <summary>A header of a million columns (name,email,amount then c3..), and two data rows as wide.</summary>
    public static HostileFile MillionColumns(int columns = 1_000_000)
    {
        var text = new StringBuilder("name,email,amount");
        for (var i = 3; i < columns; i++) text.Append(",c").Append(i);
        var header = text.Append('\n').ToString();
        var row = string.Concat("Ann,ann@example.com,1", string.Concat(Enumerable.Repeat(",v", columns - 3)), "\n");
        return HostileFile.FromBytes("million-columns.csv", "million-columns.csv", Utf8(header + row + row), $"{columns:N0} columns in every row");
    }

    /// <summary>A header, then one data line of <paramref name="length"/> bytes with no line break and no quote.</summary>
    public static HostileFile SingleLine(long length = OneGigabyte) => HostileFile.Streamed("single-line.csv", "single-line.csv",
        Utf8("name,email,amount\nAnn,ann@example.com,"), Utf8(new string('9', 1 << 16)), Utf8("\n"), length,
        $"a {length >> 20} MB line without a line break");

    // Formula injection -------------------------------------------------------------------------------------------

    /// <summary>Cells a spreadsheet would run as formulas if a CSV export handed them back unchanged.</summary>
    public static IReadOnlyList<string> FormulaStrings { get; } =
    [
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1)",
        "-2+3",
        "\t=1+1",
        "\r=1+1",
    ];

    public static HostileFile FormulaInjection { get; } = Csv("formulas.csv",
        "name,email,amount\n" + string.Concat(FormulaStrings.Select((f, i) => $"\"{f.Replace("\"", "\"\"")}\",user{i}@example.com,{i}\n")),
        "cells that spreadsheets run as formulas");

    /// <summary>Every small entry, for the tests that run them all and for writing the corpus to a folder.</summary>
    public static IReadOnlyList<HostileFile> Small { get; } =
    [
        UnclosedQuoteAtEof, QuoteInUnquotedField, RaggedRows, OnlyHeader, Empty, OnlyBom, NulBytes, MixedLineEndings,
        CarriageReturnOnly, DuplicateAndBlankHeaders, InvalidUtf8, Utf16WithoutBom, TruncatedMultiByte, BillionLaughs,
        ExternalEntity, XlsxNotAZip, XlsNotAWorkbook, ZipNotXlsx, DeeplyNestedJson, FormulaInjection,
    ];

    // Builders ----------------------------------------------------------------------------------------------------

    private static byte[] ReadAllBytes(this Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        stream.Dispose();
        return copy.ToArray();
    }

    private static byte[] Zip(Action<ZipArchive> fill)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true)) fill(zip);
        return stream.ToArray();
    }

    /// <summary>A minimal XLSX of one sheet whose XML <paramref name="writeSheet"/> writes.</summary>
    private static byte[] Workbook(Action<Stream> writeSheet, CompressionLevel level = CompressionLevel.Optimal) => Zip(zip =>
    {
        Add(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Add(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Add(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Add(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
        using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", level).Open();
        writeSheet(sheet);
    });

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Utf8(content));
    }
}
