using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class SelectTypeTests
{
    private static List<SelectOption> Sizes() =>
    [
        Option("s", "Small", "sm", "petit"),
        Option("m", "Medium", "med"),
        Option("l", "Large"),
    ];

    [Theory]
    [InlineData("s", "s")]
    [InlineData("S", "s")]
    [InlineData("Small", "s")]
    [InlineData("  small ", "s")]
    [InlineData("SM", "s")]
    [InlineData("Petit", "s")]
    [InlineData("MEDIUM", "m")]
    [InlineData("med", "m")]
    [InlineData("large", "l")]
    public void Select_matches_value_label_or_alternate_and_outputs_the_value(string text, string expected) =>
        Parser("select", selectOptions: Sizes()).AssertParses(text, expected);

    [Fact]
    public void Select_rejects_other_text_and_lists_the_allowed_values() =>
        Assert.Equal("'XL' is not one of the allowed values: s, m, l.", Parser("select", selectOptions: Sizes()).AssertRejects(" XL "));

    [Fact]
    public void Select_message_lists_only_a_few_values()
    {
        var options = Enumerable.Range(1, 8).Select(i => Option($"v{i}")).ToList();
        Assert.Equal("'x' is not one of the allowed values: v1, v2, v3, v4, v5, and 3 more.", Parser("select", selectOptions: options).AssertRejects("x"));
    }

    [Fact]
    public void Select_with_allow_custom_keeps_unknown_text_trimmed()
    {
        var parser = Parser("select", new TypeOptions { AllowCustom = true }, Sizes());
        parser.AssertParses("  extra large ", "extra large");
        parser.AssertParses("Small", "s");
    }

    [Fact]
    public void Select_value_wins_over_another_options_label()
    {
        // Option "b" is labelled "a", but a cell "a" is option a's value.
        var parser = Parser("select", selectOptions: [Option("a", "First"), Option("b", "a")]);
        parser.AssertParses("a", "a");
        parser.AssertParses("First", "a");
    }

    [Theory]
    [InlineData("red, green", new[] { "red", "green" })]
    [InlineData("RED,Green ,  blue", new[] { "red", "green", "blue" })]
    [InlineData("Rouge", new[] { "red" })]
    [InlineData("red,,green,", new[] { "red", "green" })]
    [InlineData("red, red, Rouge", new[] { "red" })]
    [InlineData(" , ", new string[0])]
    public void MultiSelect_splits_on_commas_and_reads_each_token(string text, string[] expected) =>
        Parser("multi-select", selectOptions: Colors()).AssertParses(text, Array(expected));

    [Fact]
    public void MultiSelect_names_the_token_that_matches_nothing() =>
        Assert.Equal("'purple' is not one of the allowed values: red, green, blue.",
            Parser("multi-select", selectOptions: Colors()).AssertRejects("red, purple, green"));

    [Theory]
    [InlineData(";", "red; green;blue", new[] { "red", "green", "blue" })]
    [InlineData(" | ", "red | green|blue", new[] { "red", "green|blue" })]
    [InlineData("\n", "red\ngreen", new[] { "red", "green" })]
    public void MultiSelect_splits_on_the_configured_delimiter(string delimiter, string text, string[] expected)
    {
        var parser = Parser("multi-select", new TypeOptions { Delimiter = delimiter, AllowCustom = true }, Colors());
        parser.AssertParses(text, Array(expected));
    }

    [Fact]
    public void MultiSelect_with_allow_custom_keeps_unknown_tokens() =>
        Parser("multi-select", new TypeOptions { AllowCustom = true }, Colors()).AssertParses("red, teal ", Array(["red", "teal"]));

    private static List<SelectOption> Colors() => [Option("red", "Red", "rouge"), Option("green"), Option("blue")];

    private static CellValue Array(string[] values) => CellValue.FromArray(values.Select(CellValue.FromString).ToArray());
}
