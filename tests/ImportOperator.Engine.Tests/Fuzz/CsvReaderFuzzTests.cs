using System.Text;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Reading;
using ImportOperator.Engine.Tests.Reading;

namespace ImportOperator.Engine.Tests.Fuzz;

/// <summary>
/// The readers against random input: random bytes end in rows or a clear read failure, never another exception;
/// random valid rows, written with random quoting, delimiters and line endings, read back exactly.
/// </summary>
public class CsvReaderFuzzTests
{
    private static readonly char[] Delimiters = [',', ';', '\t', '|'];

    [Fact]
    public void Random_bytes_give_rows_or_an_import_failure_never_another_exception()
    {
        FuzzSeed.Run(1000, (random, _) =>
        {
            var bytes = RandomText.Bytes(random, 2048);
            var seekable = random.Next(2) == 0;
            try
            {
                using var reader = ReaderTestKit.Open(bytes, "fuzz.csv", seekable: seekable);
                while (reader.TryReadRow(out var cells)) Assert.All(cells, Assert.NotNull);
            }
            catch (ImportFailureException failure)
            {
                Assert.StartsWith("fuzz.csv: ", failure.Message);
                Assert.Contains(failure.Reason, new[] { OutcomeReasons.UnreadableFile, OutcomeReasons.EmptyFile, OutcomeReasons.SheetNotFound });
            }
        });
    }

    [Fact]
    public void Random_valid_rows_read_back_exactly()
    {
        FuzzSeed.Run(1500, (random, _) =>
        {
            var delimiter = Delimiters[random.Next(Delimiters.Length)];
            var rows = RandomRows(random);
            var bytes = Write(random, rows, delimiter, out var how);

            using var stream = new MemoryStream(bytes);
            using var reader = TabularReaderFactory.Open(stream, "fuzz.csv", new ReadOptions { Delimiter = delimiter.ToString() });
            var read = new List<string[]>();
            while (reader.TryReadRow(out var cells)) read.Add(cells);

            Assert.True(rows.Count == read.Count, $"{how}: wrote {rows.Count} rows, read {read.Count}");
            for (var r = 0; r < rows.Count; r++)
                Assert.True(rows[r].SequenceEqual(read[r]),
                    $"{how}: row {r} wrote [{Show(rows[r])}] read [{Show(read[r])}]");
        });
    }

    /// <summary>1 to 6 rows of 1 to 6 cells; the first cell of the file starts with a letter, as a header does.</summary>
    private static List<string[]> RandomRows(Random random)
    {
        var width = random.Next(1, 7);
        var rows = new List<string[]>();
        for (var r = random.Next(1, 7); r > 0; r--)
        {
            var row = new string[width];
            for (var c = 0; c < width; c++) row[c] = RandomText.Next(random, 12, controlCharacters: false);
            // A row of one empty cell is a blank line, which no writer can tell from "no row".
            if (row.All(cell => cell.Length == 0)) row[0] = "x";
            rows.Add(row);
        }

        rows[0][0] = "h" + rows[0][0];
        return rows;
    }

    private static byte[] Write(Random random, List<string[]> rows, char delimiter, out string how)
    {
        var newline = random.Next(2) == 0 ? "\n" : "\r\n";
        var quoteAll = random.Next(3) == 0;
        var bom = random.Next(4) == 0;
        var finalNewline = random.Next(4) != 0;
        how = $"delimiter '{Escape(delimiter.ToString())}', {(newline == "\n" ? "LF" : "CRLF")}, {(quoteAll ? "all quoted" : "quoted when needed")}{(bom ? ", BOM" : "")}";
        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            text.AppendJoin(delimiter, rows[r].Select(cell => quoteAll || NeedsQuotes(cell, delimiter) ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell));
            if (r < rows.Count - 1 || finalNewline) text.Append(newline);
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        return bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    private static bool NeedsQuotes(string cell, char delimiter) =>
        cell.Length == 0 ? false : cell.AsSpan().IndexOfAny([delimiter, '"', '\r', '\n']) >= 0;

    private static string Show(string[] cells) => string.Join(" | ", cells.Select(c => $"\"{Escape(c)}\""));

    private static string Escape(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
}
