using System.IO.Compression;
using System.Text;
using ImportOperator.Engine.Diagnostics;
using static ImportOperator.Engine.Tests.Reading.ReaderTestKit;

namespace ImportOperator.Engine.Tests.Reading;

public class FormatDetectionTests
{
    [Theory]
    [InlineData(new byte[0], "0 bytes")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "only blank lines")]
    [InlineData(new byte[] { 0x20, 0x0D, 0x0A, 0x0D, 0x0A, 0x09 }, "only blank lines")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x20, 0x00, 0x0A, 0x00 }, "only blank lines")]
    public void An_empty_file_fails_as_EmptyFile_naming_the_file(byte[] bytes, string expected)
    {
        var failure = Assert.Throws<ImportFailureException>(() => Open(bytes, "contacts.csv"));

        Assert.Equal(OutcomeReasons.EmptyFile, failure.Reason);
        Assert.StartsWith("contacts.csv: ", failure.Message);
        Assert.Contains(expected, failure.Message);
    }

    [Fact]
    public void A_png_named_csv_is_refused_as_binary_saying_what_it_is()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0];

        var failure = Assert.Throws<ImportFailureException>(() => Open(png, "contacts.csv"));

        Assert.Equal(OutcomeReasons.UnreadableFile, failure.Reason);
        Assert.Equal("contacts.csv: the file is binary (a PNG image), not a CSV/Excel/JSON file; upload the data as .csv, .xlsx, .xls or .json.", failure.Message);
    }

    [Fact]
    public void Random_bytes_named_csv_are_refused_as_binary()
    {
        var bytes = new byte[20_000];
        new Random(42).NextBytes(bytes);
        bytes[100] = 0; // random data has NULs; make sure of one

        var failure = Assert.Throws<ImportFailureException>(() => Open(bytes, "export.csv"));

        Assert.Equal(OutcomeReasons.UnreadableFile, failure.Reason);
        Assert.Contains("export.csv: the file is binary", failure.Message);
    }

    [Fact]
    public void Text_full_of_control_characters_is_binary_even_without_NULs()
    {
        var bytes = new byte[4000];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i % 3 == 0 ? 0x01 : 'a');
        }

        Assert.Equal(OutcomeReasons.UnreadableFile, Assert.Throws<ImportFailureException>(() => Open(bytes)).Reason);
    }

    [Fact]
    public void A_csv_named_xlsx_is_read_as_csv_because_content_wins()
    {
        using var reader = Open(Encoding.UTF8.GetBytes("name,email\nAnna,anna@example.com\n"), "contacts.xlsx");

        Assert.Equal("csv", reader.Format);
        Assert.Equal(new[] { "Anna", "anna@example.com" }, ReadAll(reader)[1]);
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_refused_saying_so()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("contacts.csv").Open());
            writer.Write("name\nAnna\n");
        }

        var failure = Assert.Throws<ImportFailureException>(() => Open(zip.ToArray(), "contacts.xlsx"));

        Assert.Equal(OutcomeReasons.UnreadableFile, failure.Reason);
        Assert.Equal("contacts.xlsx: this is a ZIP archive that is not an Excel workbook; unzip it and upload the spreadsheet inside.", failure.Message);
    }

    [Fact]
    public void A_word_document_uploaded_as_xlsx_is_named_as_such()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("[Content_Types].xml");
            archive.CreateEntry("word/document.xml");
        }

        var failure = Assert.Throws<ImportFailureException>(() => Open(zip.ToArray(), "contacts.xlsx"));

        Assert.Equal("contacts.xlsx: this is a Word document, not a spreadsheet; upload the data as .xlsx, .csv or .json.", failure.Message);
    }

    [Fact]
    public void A_single_json_object_is_refused_asking_for_an_array()
    {
        var failure = Assert.Throws<ImportFailureException>(() => Open(Encoding.UTF8.GetBytes("  {\"name\": \"Anna\"}"), "data.json"));

        Assert.Equal(OutcomeReasons.UnreadableFile, failure.Reason);
        Assert.StartsWith("data.json: expected a JSON array of objects", failure.Message);
    }

    [Theory]
    [InlineData("[{\"a\":1}]", "json")]
    [InlineData("\uFEFF\n  [\n{\"a\":1}]", "json")]
    [InlineData("[Name],[Email]\nAnna,a@x.org\n", "csv")]
    [InlineData("name;email\nAnna;a@x.org\n", "delimited")]
    [InlineData("name\temail\nAnna\ta@x.org\n", "tsv")]
    public void Text_formats_are_told_apart_by_their_first_characters(string text, string format)
    {
        using var reader = OpenText(text, "data.txt");
        Assert.Equal(format, reader.Format);
    }
}
