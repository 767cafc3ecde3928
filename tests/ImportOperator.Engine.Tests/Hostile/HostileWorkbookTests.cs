using ImportOperator.Engine.Diagnostics;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>Workbooks built to exhaust the reader: zip bombs, XML entities, ZIPs that are not workbooks.</summary>
public class HostileWorkbookTests
{
    [Fact]
    public void A_zip_bomb_is_refused_before_it_is_inflated()
    {
        var file = HostileCorpus.ZipBomb();
        using var run = HostileImport.Run(file);

        var message = run.AssertFailed(OutcomeReasons.UnreadableFile, file);
        Assert.Contains("xl/worksheets/sheet1.xml", message);
        Assert.Contains("zip bomb", message);
    }

    [Fact]
    public void A_zip_bomb_that_lies_about_its_sizes_stops_where_the_declared_size_ends()
    {
        var file = HostileCorpus.LyingZipBomb();
        using var run = HostileImport.Run(file);

        Assert.Contains("damaged or truncated", run.AssertFailed(OutcomeReasons.UnreadableFile, file));
    }

    [Fact]
    public void Billion_laughs_entities_are_never_expanded()
    {
        var file = HostileCorpus.BillionLaughs;
        using var run = HostileImport.Run(file);

        var message = run.AssertFailed(OutcomeReasons.UnreadableFile, file);
        Assert.Contains("DTD", message);
    }

    [Fact]
    public void An_external_entity_never_reads_a_local_file()
    {
        var file = HostileCorpus.ExternalEntity;
        using var run = HostileImport.Run(file);

        run.AssertFailed(OutcomeReasons.UnreadableFile, file);
        Assert.DoesNotContain("root:", run.Metadata);
        Assert.DoesNotContain("root:", run.Outcome.Message);
    }

    [Fact]
    public void A_zip_signature_over_garbage_fails_as_a_damaged_workbook()
    {
        var file = HostileCorpus.XlsxNotAZip;
        using var run = HostileImport.Run(file);

        Assert.Contains("damaged or truncated", run.AssertFailed(OutcomeReasons.UnreadableFile, file));
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_says_to_unzip_it()
    {
        var file = HostileCorpus.ZipNotXlsx;
        using var run = HostileImport.Run(file);

        Assert.Contains("not an Excel workbook", run.AssertFailed(OutcomeReasons.UnreadableFile, file));
    }
}
