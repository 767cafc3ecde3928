using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class ParseMessageTests
{
    [Fact]
    public void A_message_quotes_the_trimmed_cell() =>
        Assert.Equal("'abc' is not a valid number.", Parser("number").AssertRejects("  abc  "));

    [Fact]
    public void A_message_shortens_a_long_cell()
    {
        var error = Parser("email").AssertRejects(new string('x', 500));
        Assert.Equal($"'{new string('x', 60)}…' is not a valid email address.", error);
    }

    [Theory]
    [InlineData("number", "1 2 3 4")]
    [InlineData("date", "the 5th")]
    [InlineData("phone-number", "n/a")]
    [InlineData("uuid", "TBD")]
    public void A_message_never_names_the_field(string type, string text) =>
        Assert.StartsWith($"'{text}' is not ", Parser(type).AssertRejects(text));
}
