using ImportOperator.Engine.Header;

namespace ImportOperator.Engine.Tests.Header;

public class HeaderRowDetectorTests
{
    [Fact]
    public void The_first_row_is_the_header_of_a_plain_file()
    {
        string[][] rows = [["Name", "Email", "Age"], ["Ada", "ada@example.com", "36"], ["Alan", "alan@example.com", "41"]];

        Assert.Equal(0, HeaderRowDetector.Detect(rows));
    }

    [Fact]
    public void Title_and_note_rows_above_the_header_are_skipped()
    {
        string[][] rows =
        [
            ["Quarterly export"],
            ["Generated 2026-11-28", "by CRM"],
            ["Name", "Email", "Age", "Plan"],
            ["Ada", "ada@example.com", "36", "pro"],
        ];

        Assert.Equal(2, HeaderRowDetector.Detect(rows));
    }

    [Fact]
    public void A_header_with_one_blank_title_still_beats_the_full_data_rows()
    {
        string[][] rows = [["", "Name", "Email", "City", "Plan"], ["1", "Ada", "ada@example.com", "London", "pro"]];

        Assert.Equal(0, HeaderRowDetector.Detect(rows));
    }

    [Fact]
    public void Rows_of_numbers_and_dates_have_no_header()
    {
        string[][] rows = [["1", "2024-01-02", "3.5"], ["4", "2024-02-03", "6.25"]];

        Assert.Equal(-1, HeaderRowDetector.Detect(rows));
    }

    [Fact]
    public void A_row_of_repeated_values_is_not_a_header()
    {
        string[][] rows = [["x", "x", "x", "x", "x"], ["Name", "Email", "Age", "Plan", "City"]];

        Assert.Equal(1, HeaderRowDetector.Detect(rows));
    }

    [Fact]
    public void A_header_over_ragged_rows_with_extra_cells_is_still_the_header()
    {
        string[][] rows = [["Name", "Email"], ["Ada"], ["Alan", "alan@example.com", "surplus", "more"]];

        Assert.Equal(0, HeaderRowDetector.Detect(rows));
    }

    [Fact]
    public void A_header_with_a_duplicated_name_is_still_the_header()
    {
        string[][] rows = [["Name", "Email", "Email"], ["Ada", "ada@example.com", "ada@work.example"]];

        Assert.Equal(0, HeaderRowDetector.Detect(rows));
    }
}
