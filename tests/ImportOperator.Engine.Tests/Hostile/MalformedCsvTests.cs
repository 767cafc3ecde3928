using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Pipeline;

namespace ImportOperator.Engine.Tests.Hostile;

/// <summary>Malformed CSV that can still be imported: each is read as a spreadsheet would, nothing dropped silently.</summary>
/// <remarks>The malformed CSV that cannot be imported (unclosed quote, empty, NUL bytes) is in HostileFailureTests.</remarks>
public class MalformedCsvTests
{
    [Fact]
    public void A_quote_inside_an_unquoted_field_is_kept_as_text()
    {
        var file = HostileCorpus.QuoteInUnquotedField;
        using var run = HostileImport.Run(file);

        var data = run.AssertImported(file);
        Assert.Equal("An\"n", (string?)data[0]!["name"]);
        Assert.Equal(2, data.Count);
    }

    [Fact]
    public void Ragged_rows_are_padded_and_extra_cells_are_reported_not_dropped_silently()
    {
        var file = HostileCorpus.RaggedRows;
        using var run = HostileImport.Run(file);

        var data = run.AssertImported(file);
        Assert.Equal(3, data.Count);
        Assert.Null((string?)data[0]!["email"]);
        Assert.Contains("'extra', 'more'", run.Metadata);
    }

    [Fact]
    public void A_header_without_rows_succeeds_with_no_rows()
    {
        var file = HostileCorpus.OnlyHeader;
        using var run = HostileImport.Run(file);

        Assert.Empty(run.AssertImported(file));
        Assert.Contains("no data rows", run.Outcome.Message);
    }

    [Theory]
    [InlineData("mixed-endings.csv")]
    [InlineData("cr-only.csv")]
    public void Any_mix_of_line_endings_reads_every_row(string name)
    {
        var file = HostileCorpus.Small.Single(f => f.Name == name);
        using var run = HostileImport.Run(file);

        var data = run.AssertImported(file);
        string[] expected = ["Ann", "Bob", "Cid"];
        Assert.Equal(expected[..data.Count], data.Select(r => (string?)r!["name"]).ToArray());
        Assert.True(data.Count >= 2);
        Assert.All(data, row => Assert.DoesNotContain("\r", (string?)row!["email"] ?? ""));
    }

    [Fact]
    public void A_header_repeating_a_field_stops_for_a_person_naming_the_columns()
    {
        var file = HostileCorpus.DuplicateAndBlankHeaders;
        using var run = HostileImport.Run(file);

        Assert.Equal(OutcomePhase.NeedsReview, run.Outcome.Phase);
        Assert.Equal(OutcomeReasons.DuplicateHeaders, run.Outcome.Reason);
        Assert.Contains("email", run.Outcome.Message);
    }
}
