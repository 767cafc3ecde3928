using ImportOperator.Engine.Diagnostics;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>Inputs that are hostile by size alone (a million columns: WholeCommandHostileTests, which measures memory).</summary>
public class HostileSizeTests
{
    [Fact]
    public void A_1_gb_line_fails_naming_the_line_after_reading_a_bounded_part()
    {
        var file = HostileCorpus.SingleLine();
        using var run = HostileImport.Run(file);

        var message = run.AssertFailed(OutcomeReasons.UnreadableFile, file);
        Assert.Contains("line 2", message);
        Assert.Contains("larger than 64 MB", message);
    }

    [Fact]
    public void A_file_over_max_file_size_fails_before_a_byte_is_read()
    {
        var file = HostileCorpus.SingleLine();
        using var run = HostileImport.Run(file, new() { MaxFileSize = 10_000_000 });

        var message = run.AssertFailed(OutcomeReasons.FileTooLarge, file);
        Assert.Contains("settings.maxFileSize", message);
    }
}
