using ImportOperator.Engine.Diagnostics;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>Bytes that are not the text they claim to be.</summary>
public class HostileEncodingTests
{
    [Fact]
    public void Invalid_utf8_is_read_as_windows_1252_not_refused()
    {
        var file = HostileCorpus.InvalidUtf8;
        using var run = HostileImport.Run(file);

        var data = run.AssertImported(file);
        Assert.Equal("Jos\u00c3(", (string?)data[0]!["name"]);
    }

    [Fact]
    public void A_character_cut_off_at_the_end_keeps_every_row()
    {
        var file = HostileCorpus.TruncatedMultiByte;
        using var run = HostileImport.Run(file);

        var data = run.AssertImported(file);
        Assert.Equal(2, data.Count);
        Assert.StartsWith("Ren", (string?)data[1]!["name"]);
    }
}
