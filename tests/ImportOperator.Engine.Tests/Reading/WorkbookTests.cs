using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Reading;
using MiniExcelLibs;
using static ImportOperator.Engine.Tests.Reading.ReaderTestKit;

namespace ImportOperator.Engine.Tests.Reading;

public class WorkbookTests
{
    [Fact]
    public void An_xlsx_sheet_reads_as_rows_of_text_with_invariant_numbers_dates_and_booleans()
    {
        var bytes = Workbook(("Contacts", [
            Row(("Name", "Anna"), ("Age", 42), ("Score", 0.1), ("Joined", new DateTime(2024, 1, 15)),
                ("Seen", new DateTime(2023, 12, 31, 13, 45, 30)), ("Active", true), ("Big", 12345678901d)),
        ]));

        using var reader = Open(bytes, "contacts.xlsx");
        var rows = ReadAll(reader);

        Assert.Equal("xlsx", reader.Format);
        Assert.Equal(["Name", "Age", "Score", "Joined", "Seen", "Active", "Big"], rows[0]);
        Assert.Equal(["Anna", "42", "0.1", "2024-01-15", "2023-12-31T13:45:30", "true", "12345678901"], rows[1]);
    }

    [Fact]
    public void Trailing_empty_cells_are_trimmed()
    {
        var bytes = Workbook(("Sheet1", [
            Row(("A", "x"), ("B", "y"), ("C", "z")),
            Row(("A", "1"), ("B", null), ("C", null)),
        ]));

        var rows = ReadAll(bytes, "book.xlsx");

        Assert.Equal(["1"], rows[2]);
    }

    [Fact]
    public void The_first_sheet_is_read_unless_the_settings_name_another()
    {
        var bytes = Workbook(
            ("Summary", [Row(("Total", 2))]),
            ("Contacts", [Row(("Name", "Anna")), Row(("Name", "Bob"))]));

        Assert.Equal(["Total"], ReadAll(bytes, "book.xlsx")[0]);

        var rows = ReadAll(bytes, "book.xlsx", new ReadOptions { SheetName = "contacts" });
        Assert.Equal([["Name"], ["Anna"], ["Bob"]], rows);
    }

    [Fact]
    public void A_missing_sheet_fails_listing_the_sheets_there_are()
    {
        var bytes = Workbook(("Summary", [Row(("Total", 2))]), ("Contacts", [Row(("Name", "Anna"))]));

        var failure = Failure(bytes, "book.xlsx", new ReadOptions { SheetName = "People" });

        Assert.Equal(OutcomeReasons.SheetNotFound, failure.Reason);
        Assert.Equal(
            "book.xlsx: there is no sheet named \"People\" (uploadStep.sheetOverride); the workbook has \"Summary\", \"Contacts\".",
            failure.Message);
    }

    [Fact]
    public void A_truncated_xlsx_fails_as_damaged()
    {
        var bytes = Workbook(("Sheet1", [Row(("Name", "Anna")), Row(("Name", "Bob"))]));

        var failure = Failure(bytes[..(bytes.Length / 2)], "book.xlsx");

        Assert.Equal(OutcomeReasons.UnreadableFile, failure.Reason);
        Assert.StartsWith("book.xlsx: the workbook is damaged or truncated", failure.Message);
    }

    [Fact]
    public void SourceLine_is_the_sheet_row_number()
    {
        var bytes = Workbook(("Sheet1", [Row(("Name", "Anna")), Row(("Name", "Bob"))]));
        using var reader = Open(bytes, "book.xlsx");

        var lines = new List<long>();
        while (reader.TryReadRow(out _))
        {
            lines.Add(reader.SourceLine);
        }

        Assert.Equal([1L, 2L, 3L], lines);
        Assert.InRange(reader.BytesRead, 1, bytes.Length);
    }

    [Fact]
    public void A_workbook_from_a_forward_only_stream_is_read()
    {
        var bytes = Workbook(("Sheet1", [Row(("Name", "Anna"))]));

        var rows = ReadAll(bytes, "book.xlsx", seekable: false);

        Assert.Equal([["Name"], ["Anna"]], rows);
    }

    [Fact]
    public void An_xls_workbook_reads_like_an_xlsx_one()
    {
        var bytes = File.ReadAllBytes(Fixture("contacts.xls"));

        using var reader = Open(bytes, "contacts.xls");
        var rows = ReadAll(reader);

        Assert.Equal("xls", reader.Format);
        Assert.Equal(["Name", "Email", "Age", "Joined", "Active"], rows[0]);
        Assert.Equal(["Anna Müller", "anna@example.com", "42", "2024-01-15", "true"], rows[1]);
        Assert.Equal(["Bob Stone", "bob@example.com", "0.1", "2023-12-31T13:45:30", "false"], rows[2]);
    }

    [Fact]
    public void An_xls_sheet_is_chosen_by_name()
    {
        var bytes = File.ReadAllBytes(Fixture("contacts.xls"));

        var rows = ReadAll(bytes, "contacts.xls", new ReadOptions { SheetName = "NOTES" });

        Assert.Equal([["Note"], ["second sheet"]], rows);
    }

    [Fact]
    public void A_damaged_xls_fails_as_unreadable()
    {
        var bytes = File.ReadAllBytes(Fixture("contacts.xls"))[..600];

        var failure = Failure(bytes, "contacts.xls");

        Assert.Equal(OutcomeReasons.UnreadableFile, failure.Reason);
        Assert.StartsWith("contacts.xls: ", failure.Message);
    }

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] cells) =>
        cells.ToDictionary(c => c.Key, c => c.Value);

    private static byte[] Workbook(params (string Name, Dictionary<string, object?>[] Rows)[] sheets)
    {
        var stream = new MemoryStream();
        var book = new Dictionary<string, object>();
        foreach (var (name, rows) in sheets)
        {
            book[name] = rows;
        }

        stream.SaveAs(book);
        return stream.ToArray();
    }
}

public class WorkbookCellTests
{
    [Fact]
    public void Formulas_give_their_cached_values_errors_are_empty_and_missing_rows_keep_row_numbers()
    {
        var bytes = HandMadeXlsx.WithSheetData("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>Total</t></is></c><c r="B1" t="inlineStr"><is><t>Ok</t></is></c></row>
            <row r="3"><c r="A3"><f>SUM(1,2)</f><v>3</v></c><c r="B3" t="b"><f>A3&gt;2</f><v>1</v></c><c r="D3" t="inlineStr"><is><t></t></is></c></row>
            <row r="4"><c r="A4"><v>2.5</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4" t="inlineStr"><is><t>gap before</t></is></c></row>
            """);

        using var reader = ReaderTestKit.Open(bytes, "totals.xlsx");
        var rows = new List<(long Line, string[] Cells)>();
        while (reader.TryReadRow(out var cells))
        {
            rows.Add((reader.SourceLine, cells));
        }

        Assert.Equal([1L, 2L, 3L, 4L], rows.Select(r => r.Line));
        Assert.Empty(rows[1].Cells);
        Assert.Equal(["3", "true"], rows[2].Cells);
        Assert.Equal(["2.5", "", "gap before"], rows[3].Cells);
    }

    [Fact]
    public void Rows_above_the_first_filled_row_come_back_empty_so_row_numbers_match_the_sheet()
    {
        var bytes = HandMadeXlsx.WithSheetData("""<row r="3"><c r="B3" t="inlineStr"><is><t>Name</t></is></c></row>""");

        using var reader = ReaderTestKit.Open(bytes, "late.xlsx");
        var rows = ReaderTestKit.ReadAll(reader);

        Assert.Equal([[], [], ["", "Name"]], rows);
        Assert.Equal(3, reader.SourceLine);
    }
}
