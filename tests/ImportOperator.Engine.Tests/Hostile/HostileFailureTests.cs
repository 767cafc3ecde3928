using ImportOperator.Engine.Diagnostics;
using Xunit.Abstractions;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>
/// The corpus entries that cannot be imported: each ends FAILED, within the time bound, with its reason and a message
/// that names the file and the line, part, key or setting at fault — never a hang, a crash or an OutOfMemory.
/// </summary>
public class HostileFailureTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, Func<HostileFile>> Corpus = new()
    {
        ["unclosed-quote.csv"] = () => HostileCorpus.UnclosedQuoteAtEof,
        ["empty.csv"] = () => HostileCorpus.Empty,
        ["bom-only.csv"] = () => HostileCorpus.OnlyBom,
        ["nul.csv"] = () => HostileCorpus.NulBytes,
        ["utf16-no-bom.csv"] = () => HostileCorpus.Utf16WithoutBom,
        ["zip-bomb.xlsx"] = () => HostileCorpus.ZipBomb(),
        ["lying-zip-bomb.xlsx"] = () => HostileCorpus.LyingZipBomb(),
        ["billion-laughs.xlsx"] = () => HostileCorpus.BillionLaughs,
        ["not-a-zip.xlsx"] = () => HostileCorpus.XlsxNotAZip,
        ["archive.xlsx"] = () => HostileCorpus.ZipNotXlsx,
        ["garbage.xls"] = () => HostileCorpus.XlsNotAWorkbook,
        ["nested.json"] = () => HostileCorpus.DeeplyNestedJson,
        ["huge-string.json"] = () => HostileCorpus.HugeJsonString(),
        ["huge-array-value.json"] = () => HostileCorpus.HugeJsonArrayValue(),
        ["scalars.json"] = () => HostileCorpus.HugeArrayOfScalars(),
        ["single-line.csv"] = () => HostileCorpus.SingleLine(),
    };

    [Theory]
    [InlineData("unclosed-quote.csv", OutcomeReasons.UnreadableFile, "line 3", "column 5", "never closed")]
    [InlineData("empty.csv", OutcomeReasons.EmptyFile, "0 bytes")]
    [InlineData("bom-only.csv", OutcomeReasons.EmptyFile, "empty")]
    [InlineData("nul.csv", OutcomeReasons.UnreadableFile, "binary")]
    [InlineData("utf16-no-bom.csv", OutcomeReasons.UnreadableFile, "UTF-16", "save it as UTF-8")]
    [InlineData("zip-bomb.xlsx", OutcomeReasons.UnreadableFile, "xl/worksheets/sheet1.xml", "zip bomb")]
    [InlineData("lying-zip-bomb.xlsx", OutcomeReasons.UnreadableFile, "damaged or truncated")]
    [InlineData("billion-laughs.xlsx", OutcomeReasons.UnreadableFile, "DTD")]
    [InlineData("not-a-zip.xlsx", OutcomeReasons.UnreadableFile, "damaged or truncated")]
    [InlineData("garbage.xls", OutcomeReasons.UnreadableFile, "OLE2", "no Excel workbook")]
    [InlineData("archive.xlsx", OutcomeReasons.UnreadableFile, "not an Excel workbook")]
    [InlineData("nested.json", OutcomeReasons.UnreadableFile, "line 1", "depth")]
    [InlineData("huge-string.json", OutcomeReasons.UnreadableFile, "line 1", "larger than 64 MB")]
    [InlineData("huge-array-value.json", OutcomeReasons.UnreadableFile, "\"name\"", "larger than 64 MB")]
    [InlineData("scalars.json", OutcomeReasons.UnreadableFile, "element 1", "expected an object")]
    [InlineData("single-line.csv", OutcomeReasons.UnreadableFile, "line 2", "larger than 64 MB")]
    public void Ends_failed_naming_the_file_and_the_place_at_fault(string name, string reason, params string[] excerpts)
    {
        var file = Corpus[name]();
        using var run = HostileImport.Run(file);

        var message = run.AssertFailed(reason, file);
        Assert.All(excerpts, excerpt => Assert.Contains(excerpt, message));
        output.WriteLine($"{run.Elapsed.TotalSeconds:0.0} s: {message}"); // the figures of docs/reliability.md
    }

    [Fact]
    public void An_external_entity_never_reads_a_local_file()
    {
        var file = HostileCorpus.ExternalEntity;
        using var run = HostileImport.Run(file);

        Assert.Contains("DTD", run.AssertFailed(OutcomeReasons.UnreadableFile, file));
        Assert.DoesNotContain("root:", run.Metadata);
    }

    [Fact]
    public void A_file_over_max_file_size_fails_before_a_byte_is_read()
    {
        var file = HostileCorpus.SingleLine();
        using var run = HostileImport.Run(file, new() { MaxFileSize = 10_000_000 });

        Assert.Contains("settings.maxFileSize", run.AssertFailed(OutcomeReasons.FileTooLarge, file));
    }
}
