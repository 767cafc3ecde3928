using System.Text;
using ImportOperator.Cli;

namespace ImportOperator.Tests.ProcessVerb;

/// <summary>
/// The engine issue's list of bad input: each ends in a clear outcome (FAILED, NEEDS_REVIEW, or a success that says
/// what it did) with a message naming what is wrong — never a crash, a hang or a silent drop.
/// </summary>
public class BadInputTests
{
    private static readonly string Import = Manifest.Import("""
        - {key: name, label: Name}
        - {key: email, label: Email, type: email}
        """);

    [Fact]
    public void An_empty_file_fails_as_empty()
    {
        using var run = ProcessRun.Execute([Import], []);

        Assert.Equal(ProcessCommand.ExitFailed, run.ExitCode);
        Assert.Equal("EmptyFile", run.Reason);
        Assert.Contains("data.csv", run.Message);
        Assert.Empty(run.Data);
    }

    [Fact]
    public void A_binary_file_named_csv_is_unreadable()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0 };

        using var run = ProcessRun.Execute([Import], png);

        Assert.Equal(ProcessCommand.ExitFailed, run.ExitCode);
        Assert.Equal("UnreadableFile", run.Reason);
        Assert.Contains("data.csv", run.Message);
    }

    [Fact]
    public void A_truncated_workbook_is_unreadable()
    {
        var workbook = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(workbook, new[] { new { Name = "Ada", Email = "ada@example.com" } });
        var truncated = workbook.ToArray()[..(int)(workbook.Length / 2)];

        using var run = ProcessRun.Execute([Import], truncated, "people.xlsx");

        Assert.Equal(ProcessCommand.ExitFailed, run.ExitCode);
        Assert.Equal("UnreadableFile", run.Reason);
        Assert.Contains("data.csv", run.Message); // users know the file by the name they declared
    }

    [Fact]
    public void Rows_with_fewer_cells_are_padded_and_extra_cells_are_reported()
    {
        using var run = ProcessRun.Execute(Import, "Name,Email\nAda\nAlan,alan@example.com,surplus,more\n");

        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal(2, run.Data.Count);
        Assert.Null(run.Data[0]!["email"]);
        var warning = run.Metadata["errors"]!.AsArray().Single();
        Assert.Equal(1, (long)warning!["rowIndex"]!);
        Assert.Null(warning["fieldKey"]);
        Assert.Equal("warning", (string)warning["level"]!);
        Assert.Contains("'surplus', 'more'", (string)warning["message"]!);
    }

    [Fact]
    public void Invalid_utf8_is_read_as_windows_1252()
    {
        var latin1 = Encoding.Latin1.GetBytes("Name,Email\nJürgen Müller,jm@example.com\n");

        using var run = ProcessRun.Execute([Import], latin1);

        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal("Jürgen Müller", (string)run.Data.Single()!["name"]!);
    }

    [Fact]
    public void An_unbalanced_quote_is_unreadable_and_names_the_line()
    {
        using var run = ProcessRun.Execute(Import, "Name,Email\nAda,ada@example.com\n\"Alan,alan@example.com\nGrace,grace@example.com\n");

        Assert.Equal(ProcessCommand.ExitFailed, run.ExitCode);
        Assert.Equal("UnreadableFile", run.Reason);
        Assert.Contains("line 3", run.Message);
    }

    [Fact]
    public void A_single_ten_megabyte_cell_is_imported_whole()
    {
        var big = new string('x', 10 * 1024 * 1024);

        using var run = ProcessRun.Execute(Import, $"Name,Email\n\"{big}\",a@example.com\n");

        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal(big.Length, ((string)run.Data.Single()!["name"]!).Length);
    }

    [Fact]
    public void Five_thousand_columns_are_read_and_the_known_ones_mapped()
    {
        var headers = string.Join(",", Enumerable.Range(0, 5000).Select(i => i == 4321 ? "Email" : i == 7 ? "Name" : $"col{i}"));
        var values = string.Join(",", Enumerable.Range(0, 5000).Select(i => i == 4321 ? "ada@example.com" : i == 7 ? "Ada" : $"v{i}"));

        using var run = ProcessRun.Execute(Import, $"{headers}\n{values}\n");

        Assert.Equal("SUCCESSFUL", run.Phase);
        Assert.Equal("ada@example.com", (string)run.Data.Single()!["email"]!);
        Assert.Equal(5000, run.Metadata["rawHeaders"]!.AsArray().Count);
    }

    [Fact]
    public void Duplicate_headers_matching_one_field_need_a_person()
    {
        using var run = ProcessRun.Execute(Import, "Name,Email,Email\nAda,ada@example.com,ada@work.example\n");

        Assert.Equal(ProcessCommand.ExitNeedsReview, run.ExitCode);
        Assert.Equal("DuplicateHeaders", run.Reason);
        Assert.Contains("columns 2 and 3", run.Message);
    }

    [Fact]
    public void Duplicate_headers_that_match_no_field_are_harmless()
    {
        using var run = ProcessRun.Execute(Import, "Name,Notes,Notes\nAda,a,b\n");

        Assert.Equal("SUCCESSFUL", run.Phase);
    }
}
