using System.Text;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Reading;
using static ImportOperator.Engine.Tests.Reading.ReaderTestKit;

namespace ImportOperator.Engine.Tests.Reading;

public class DelimitedTextTests
{
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Every_line_ending_splits_rows_and_leaves_no_trace_in_cells(string newline)
    {
        var rows = ReadAllText($"name,email{newline}Anna,anna@example.com{newline}Bob,bob@example.com");

        Assert.Equal(3, rows.Count);
        Assert.Equal(["Bob", "bob@example.com"], rows[2]);
    }

    [Fact]
    public void Quoted_fields_keep_their_delimiters_line_breaks_and_escaped_quotes()
    {
        var rows = ReadAllText("name,note\r\n\"Stone, Bob\",\"said \"\"hi\"\"\r\nthen left\"\r\nAnna,\"\"\r\n");

        Assert.Equal(["Stone, Bob", "said \"hi\"\r\nthen left"], rows[1]);
        Assert.Equal(["Anna", ""], rows[2]);
    }

    [Fact]
    public void SourceLine_is_the_physical_line_where_each_row_starts()
    {
        using var reader = OpenText("name,note\n\"Anna\",\"two\nlines\"\n\nBob,x\n");
        var lines = new List<long>();
        while (reader.TryReadRow(out _))
        {
            lines.Add(reader.SourceLine);
        }

        Assert.Equal([1L, 2L, 4L, 5L], lines);
    }

    [Fact]
    public void Blank_lines_come_back_as_rows_without_content_for_the_pipeline_to_skip()
    {
        var rows = ReadAllText("name\n\nAnna\n,,\n");

        Assert.Equal(4, rows.Count);
        Assert.All(rows[1], cell => Assert.Equal("", cell));
        Assert.All(rows[3], cell => Assert.Equal("", cell));
    }

    [Fact]
    public void Ragged_rows_keep_the_cells_they_have()
    {
        var rows = ReadAllText("a,b,c\n1\n1,2,3,4\n");

        Assert.Equal([3, 1, 4], rows.Select(r => r.Length));
    }

    [Fact]
    public void A_stray_quote_inside_an_unquoted_field_is_kept_as_text()
    {
        var rows = ReadAllText("name,size\nTV 55\" screen,big\n");

        Assert.Equal(["TV 55\" screen", "big"], rows[1]);
    }

    [Fact]
    public void A_quote_never_closed_fails_naming_the_line_and_column_where_it_opened()
    {
        var text = "name,note\nAnna,fine\nBob,\"starts here\nand never\nends\n";

        var failure = Failure(Encoding.UTF8.GetBytes(text));

        Assert.Equal(OutcomeReasons.UnreadableFile, failure.Reason);
        Assert.StartsWith(
            "contacts.csv: line 3: a quoted field is never closed (the quote opened at line 3, column 5).",
            failure.Message);
    }

    [Fact]
    public void The_opening_quote_is_located_on_its_own_line_when_the_record_spans_lines()
    {
        var text = "name,note\n\"Anna\",\"ok\nstill ok\",\"open\n";

        var failure = Failure(Encoding.UTF8.GetBytes(text));

        Assert.Contains("line 2: a quoted field is never closed (the quote opened at line 3, column 11)", failure.Message);
    }

    [Fact]
    public void A_ten_megabyte_cell_is_read_whole()
    {
        var big = new string('x', 10 * 1024 * 1024);
        var rows = ReadAllText($"id,blob\n1,\"{big}\"\n2,small\n");

        Assert.Equal(big.Length, rows[1][1].Length);
        Assert.Equal(["2", "small"], rows[2]);
    }

    [Fact]
    public void Five_thousand_columns_are_read_as_five_thousand_cells()
    {
        var header = string.Join(",", Enumerable.Range(1, 5000).Select(i => $"col{i}"));
        var values = string.Join(",", Enumerable.Range(1, 5000));
        var rows = ReadAllText($"{header}\n{values}\n");

        Assert.Equal(5000, rows[0].Length);
        Assert.Equal("col5000", rows[0][4999]);
        Assert.Equal("5000", rows[1][4999]);
    }

    [Fact]
    public void BytesRead_reaches_the_file_size_by_the_end()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Anna,anna@example.com\n", 20_000)));
        using var reader = Open(bytes);

        var firstProgress = -1L;
        while (reader.TryReadRow(out _))
        {
            firstProgress = firstProgress < 0 ? reader.BytesRead : firstProgress;
        }

        Assert.InRange(firstProgress, 1, bytes.Length - 1);
        Assert.Equal(bytes.Length, reader.BytesRead);
    }

    [Fact]
    public void A_forward_only_stream_reads_the_same_rows_as_a_seekable_one()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{i};name {i}\n")));

        var seekable = ReadAll(bytes);
        var forwardOnly = ReadAll(bytes, seekable: false);

        Assert.Equal(seekable.Count, forwardOnly.Count);
        Assert.Equal(["49999", "name 49999"], forwardOnly[^1]);
    }

    [Fact]
    public void The_callers_stream_stays_open_after_the_reader_is_disposed()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("a\n1\n"));
        using (var reader = TabularReaderFactory.Open(stream, "a.csv", new ReadOptions()))
        {
            ReadAll(reader);
        }

        Assert.True(stream.CanRead);
    }
}
