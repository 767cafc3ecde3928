using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Split.SplitTestKit;

namespace ImportOperator.Engine.Tests.Split;

/// <summary>
/// Random well-formed delimited text (quoted line breaks, doubled quotes, delimiters in cells, Unicode and white-space
/// cells, blank and white-space-only rows, ragged rows): the planner must split it, and the split must equal the
/// whole-file run. Seeds are fixed, so a failure reproduces.
/// </summary>
public class SplitFuzzTests
{
    private static readonly string[] Cells =
    [
        "", " ", "\t", "\u00a0", "\u3000", "plain", "a,b", "semi;colon", "tab\there", "quote\"inside", "\"\"", "line\nbreak",
        "crlf\r\ninside", "é", "日本語", "😀 emoji", "  padded  ", "42", "-3.5", "x@example.com", "\uFEFFzwnbsp", "=1+2",
    ];

    [Theory]
    [InlineData(1, ',', "\n")]
    [InlineData(2, ',', "\r\n")]
    [InlineData(3, ';', "\n")]
    [InlineData(4, '\t', "\r\n")]
    [InlineData(5, '|', "\n")]
    public void Random_well_formed_text_splits_and_equals_the_whole_file_run(int seed, char delimiter, string newline)
    {
        var random = new Random(seed);
        var rows = new List<string[]>();
        for (var i = 0; i < 9000; i++)
        {
            var width = random.Next(10) == 0 ? random.Next(1, 8) : 5; // some ragged rows
            var blank = random.Next(40) == 0;
            rows.Add(Enumerable.Range(0, width).Select(c => blank ? Cells[random.Next(5)] : c == 0 ? $"r{i}" : Cells[random.Next(Cells.Length)]).ToArray());
        }
        var fields = ContactFields(new ValidatorDefinition { Validate = ValidatorKinds.Unique });
        using var kit = Create();
        kit.AssertSplitEqualsWhole(Csv(rows, ContactHeader, newline, delimiter, byteOrderMark: seed % 2 == 0), fields,
            new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.IncludeInvalidRows, PassThroughUnmappedColumns = true,
                Delimiter = delimiter.ToString() }, chunks: 5);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Damaged_text_is_refused_or_split_exactly(int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 9000).Select(i => (string[])[$"r{i}", Cells[random.Next(Cells.Length)], $"{i}", $"C{i}", Cells[random.Next(Cells.Length)]]);
        var bytes = Csv(rows, ContactHeader).ToList();
        // A few stray quotes, bare CRs and spaces after quotes, late in the file or (rarely) nowhere that matters.
        var damage = new[] { (byte)'"', (byte)'\r', (byte)' ' };
        for (var i = 0; i < seed % 3; i++)
            bytes.Insert(random.Next(bytes.Count / 2, bytes.Count), damage[random.Next(damage.Length)]);
        using var kit = Create();
        var why = kit.AssertSplitEqualsWholeOrRefused(bytes.ToArray(), ContactFields(),
            new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.IncludeInvalidRows }, chunks: 5);
        if (why is not null) Assert.Matches("line [0-9]+", why);
    }
}
