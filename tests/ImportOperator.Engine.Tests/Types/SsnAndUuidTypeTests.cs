using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class SsnAndUuidTypeTests
{
    [Theory]
    [InlineData("123-45-6789", "123-45-6789")]
    [InlineData("123456789", "123-45-6789")]
    [InlineData("123 45 6789", "123-45-6789")]
    [InlineData(" 123-45-6789 ", "123-45-6789")]
    [InlineData("001-01-0001", "001-01-0001")]
    [InlineData("899-99-9999", "899-99-9999")]
    public void Ssn_outputs_the_dashed_form(string text, string expected) => Parser("ssn").AssertParses(text, expected);

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("900-12-3456")]
    [InlineData("999-12-3456")]
    [InlineData("123-00-4567")]
    [InlineData("123-45-0000")]
    [InlineData("12-345-6789")]
    [InlineData("123-456-789")]
    [InlineData("12345678")]
    [InlineData("1234567890")]
    [InlineData("123-45-678a")]
    [InlineData("123.45.6789")]
    public void Ssn_rejects_malformed_or_never_issued_numbers(string text) =>
        Assert.Equal($"'{text}' is not a valid SSN.", Parser("ssn").AssertRejects(text));

    [Theory]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("3F2504E0-4F89-11D3-9A0C-0305E82C3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("3f2504e04f8911d39a0c0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("urn:uuid:3F2504E0-4F89-11D3-9A0C-0305E82C3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("  00000000-0000-0000-0000-000000000000 ", "00000000-0000-0000-0000-000000000000")]
    public void Uuid_outputs_the_lower_case_canonical_form(string text, string expected) => Parser("uuid").AssertParses(text, expected);

    [Theory]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c330")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c33011")]
    [InlineData("3f2504e04f89-11d3-9a0c-0305e82c3301-")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c330g")]
    [InlineData("{3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("(3f2504e0-4f89-11d3-9a0c-0305e82c3301)")]
    [InlineData("not-a-uuid")]
    public void Uuid_rejects_other_text(string text) =>
        Assert.Equal($"'{text}' is not a valid UUID.", Parser("uuid").AssertRejects(text));
}
