using System.Text;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Reading;
using static ImportOperator.Engine.Tests.Reading.ReaderTestKit;

namespace ImportOperator.Engine.Tests.Reading;

public class DelimiterDetectionTests
{
    [Theory]
    [InlineData("name,email,age\nAnna,a@x.org,42\nBob,b@x.org,7\n", "csv", 3)]
    [InlineData("name;price;qty\nTea;1,50;3\nCake;2;1\nPie;3,25;2\n", "delimited", 3)]
    [InlineData("name\tnote\nAnna\tlikes a, b; c\nBob\tx\n", "tsv", 2)]
    [InlineData("name|email\nAnna|a@x.org\nBob|b@x.org\n", "delimited", 2)]
    public void The_delimiter_is_found_from_the_content(string text, string format, int columns)
    {
        using var reader = OpenText(text);
        var rows = ReadAll(reader);

        Assert.Equal(format, reader.Format);
        Assert.All(rows, row => Assert.Equal(columns, row.Length));
    }

    [Fact]
    public void Semicolon_wins_over_decimal_commas_and_keeps_numbers_whole()
    {
        var rows = ReadAllText("name;price\nTea;1,50\nCake;2\nPie;3,25\n");

        Assert.Equal(["Tea", "1,50"], rows[1]);
    }

    [Fact]
    public void Delimiters_inside_quotes_do_not_count()
    {
        var rows = ReadAllText("name;address\n\"Stone, Bob\";\"1, Main St, Springfield\"\n\"Anna\";\"2, Side Rd\"\n");

        Assert.Equal(["Stone, Bob", "1, Main St, Springfield"], rows[1]);
    }

    [Fact]
    public void A_tie_goes_to_the_comma()
    {
        using var reader = OpenText("a;b,c\n1;2,3\n");

        Assert.Equal("csv", reader.Format);
        Assert.Equal(["a;b", "c"], ReadAll(reader)[0]);
    }

    [Fact]
    public void Excels_sep_line_names_the_delimiter_and_is_not_a_row()
    {
        using var reader = OpenText("sep=|\nname,title|email\nBob, Jr.|bob@x.org\n");
        var rows = ReadAll(reader);

        Assert.Equal("delimited", reader.Format);
        Assert.Equal([["name,title", "email"], ["Bob, Jr.", "bob@x.org"]], rows);
        Assert.Equal(3, reader.SourceLine);
    }

    [Fact]
    public void A_one_column_file_is_one_column()
    {
        using var reader = OpenText("email\nanna@example.com\nbob@example.com\n");
        var rows = ReadAll(reader);

        Assert.Equal("csv", reader.Format);
        Assert.All(rows, row => Assert.Single(row));
    }

    [Theory]
    [InlineData(";", "delimited", new[] { "a,b", "c" })]
    [InlineData("\t", "tsv", new[] { "a,b;c" })]
    [InlineData("\\t", "tsv", new[] { "a,b;c" })]
    [InlineData("tab", "tsv", new[] { "a,b;c" })]
    [InlineData(",", "csv", new[] { "a", "b;c" })]
    public void The_delimiter_setting_overrides_detection(string setting, string format, string[] firstRow)
    {
        using var reader = OpenText("a,b;c\n1,2;3\n", options: new ReadOptions { Delimiter = setting });

        Assert.Equal(format, reader.Format);
        Assert.Equal(firstRow, ReadAll(reader)[0]);
    }

    [Theory]
    [InlineData(";;")]
    [InlineData("\"")]
    [InlineData("§")]
    public void A_delimiter_setting_that_cannot_work_is_reported_as_a_settings_problem(string setting)
    {
        var failure = Assert.Throws<ImportFailureException>(
            () => Open(Encoding.UTF8.GetBytes("a,b\n"), options: new ReadOptions { Delimiter = setting }));

        Assert.Equal(OutcomeReasons.InvalidSchema, failure.Reason);
        Assert.StartsWith("settings.delimiter: ", failure.Message);
    }

    [Fact]
    public void A_single_huge_first_line_still_gives_a_delimiter()
    {
        var header = string.Join(";", Enumerable.Range(1, 20_000).Select(i => $"column number {i}"));
        using var reader = OpenText(header + "\n");

        Assert.Equal("delimited", reader.Format);
        Assert.Equal(20_000, ReadAll(reader)[0].Length);
    }
}
