using ImportOperator.Engine.Rows;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class StringAndCheckboxTypeTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("  padded  ")]
    [InlineData("Ünïcödé 🙂")]
    [InlineData("line\nbreak")]
    public void String_keeps_the_text_exactly(string text) => Parser("string").AssertParses(text, text);

    [Fact]
    public void A_field_without_a_type_is_a_string() => Parser(null!).AssertParses(" x ", " x ");

    [Theory]
    [InlineData("0")]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("n")]
    [InlineData("N")]
    [InlineData("no")]
    [InlineData("No")]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("disabled")]
    [InlineData("Disabled")]
    [InlineData("  no  ")]
    public void Checkbox_reads_the_false_words_as_false(string text) => Parser("checkbox").AssertParses(text, CellValue.False);

    [Theory]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("true")]
    [InlineData("x")]
    [InlineData("on")]
    [InlineData("enabled")]
    [InlineData("nope")]
    [InlineData("00")]
    public void Checkbox_reads_anything_else_as_true(string text) => Parser("checkbox").AssertParses(text, CellValue.True);
}
