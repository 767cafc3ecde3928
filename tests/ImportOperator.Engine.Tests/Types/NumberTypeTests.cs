using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class NumberTypeTests
{
    [Theory]
    [InlineData("1234", 1234)]
    [InlineData("-12.5", -12.5)]
    [InlineData("+3", 3)]
    [InlineData("1,234.56", 1234.56)]
    [InlineData("1,234,567", 1234567)]
    [InlineData("1 234 567.5", 1234567.5)]
    [InlineData("1\u00A0234.5", 1234.5)]
    [InlineData("1'234.5", 1234.5)]
    [InlineData(".5", 0.5)]
    [InlineData("-.5", -0.5)]
    [InlineData("5.", 5)]
    [InlineData("007", 7)]
    [InlineData("  42  ", 42)]
    [InlineData("1e3", 1000)]
    [InlineData("1.5E-3", 0.0015)]
    [InlineData("-2.5e+2", -250)]
    [InlineData("$1,234.50", 1234.5)]
    [InlineData("-$5", -5)]
    [InlineData("$-5", -5)]
    [InlineData("€ 12.30", 12.3)]
    [InlineData("12.30 €", 12.3)]
    [InlineData("£7", 7)]
    [InlineData("(1,234.56)", -1234.56)]
    [InlineData("12%", 0.12)]
    [InlineData("12.5 %", 0.125)]
    [InlineData("\u22124", -4)]
    [InlineData("0", 0)]
    public void Number_reads_us_style_numbers_by_default(string text, double expected) =>
        Parser("number").AssertParses(text, CellValue.FromNumber(expected));

    [Theory]
    [InlineData("abc")]
    [InlineData("12abc")]
    [InlineData("1,2,3.4.5")]
    [InlineData("1.234,56")]
    [InlineData("1,5")]
    [InlineData("1,23")]
    [InlineData("12,34,567")]
    [InlineData("1,234 567")]
    [InlineData(",123")]
    [InlineData("1,")]
    [InlineData("1..2")]
    [InlineData("--5")]
    [InlineData("+-5")]
    [InlineData("(-5)")]
    [InlineData("e5")]
    [InlineData("1e")]
    [InlineData("1e5.5")]
    [InlineData("$")]
    [InlineData("%")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    [InlineData("0x1F")]
    [InlineData("12 34")]
    public void Number_rejects_garbage_and_ambiguous_text(string text) =>
        Assert.Equal($"'{text.Trim()}' is not a valid number.", Parser("number").AssertRejects(text));

    [Theory]
    [InlineData("de-DE", "1.234,56", 1234.56)]
    [InlineData("de-DE", "1234,5", 1234.5)]
    [InlineData("de-DE", "1.234", 1234)]
    [InlineData("de-DE", "1.234.567", 1234567)]
    [InlineData("de-DE", "-0,5", -0.5)]
    [InlineData("de-DE", "12,5 %", 0.125)]
    [InlineData("de-DE", "1.234,56 €", 1234.56)]
    [InlineData("fr-FR", "1 234,56", 1234.56)]
    [InlineData("fr-FR", "1\u202F234,56", 1234.56)]
    [InlineData("fr-FR", "1\u00A0234,56", 1234.56)]
    [InlineData("fr_fr", "3,5", 3.5)]
    [InlineData("de", "2,5", 2.5)]
    [InlineData("de-CH", "1'234.50", 1234.5)]
    [InlineData("de-CH", "1\u2019234.50", 1234.5)]
    [InlineData("en-GB", "1,234.5", 1234.5)]
    [InlineData("en-IN", "12,34,567.5", 1234567.5)]
    [InlineData("en-IN", "1,00,000", 100000)]
    [InlineData("en-IN", "1,234,567", 1234567)]
    [InlineData("EN-us", "1,234", 1234)]
    public void Number_uses_the_separators_of_the_locale(string locale, string text, double expected) =>
        Parser("number", new TypeOptions { Locale = locale }).AssertParses(text, CellValue.FromNumber(expected));

    [Theory]
    [InlineData("de-DE", "1,234.56")]
    [InlineData("de-DE", "1.5")]
    [InlineData("de-DE", "1,2,3")]
    [InlineData("fr-FR", "1 23,5")]
    [InlineData("en-IN", "1,2345")]
    public void Number_rejects_what_the_locale_does_not_write(string locale, string text) =>
        Parser("number", new TypeOptions { Locale = locale }).AssertRejects(text);

    [Theory]
    [InlineData(10.0, null, "10", 10.0)]
    [InlineData(10.0, null, "9.99", null)]
    [InlineData(null, 100.0, "100", 100.0)]
    [InlineData(null, 100.0, "100.5", null)]
    [InlineData(-5.0, 5.0, "-5", -5.0)]
    [InlineData(-5.0, 5.0, "0", 0.0)]
    public void Number_bounds_are_inclusive(double? min, double? max, string text, double? expected)
    {
        var parser = Parser("number", new TypeOptions { Min = min, Max = max });
        if (expected is { } value) parser.AssertParses(text, CellValue.FromNumber(value));
        else parser.AssertRejects(text);
    }

    [Fact]
    public void Number_below_the_minimum_names_the_bound() =>
        Assert.Equal("'5' is less than the minimum of 10.", Parser("number", new TypeOptions { Min = 10 }).AssertRejects("5"));

    [Fact]
    public void Number_above_the_maximum_names_the_bound() =>
        Assert.Equal("'1,000' is greater than the maximum of 99.5.", Parser("number", new TypeOptions { Max = 99.5 }).AssertRejects("1,000"));

    [Theory]
    [InlineData(0, "2.5", 3)]
    [InlineData(0, "-2.5", -3)]
    [InlineData(0, "2.4", 2)]
    [InlineData(2, "2.675", 2.68)]
    [InlineData(2, "1.005", 1.01)]
    [InlineData(2, "-1.005", -1.01)]
    [InlineData(1, "1,234.56", 1234.6)]
    [InlineData(3, "1.5", 1.5)]
    [InlineData(0, "1e20", 1e20)]
    public void Number_rounds_midpoints_away_from_zero(int places, string text, double expected) =>
        Parser("number", new TypeOptions { Round = places }).AssertParses(text, CellValue.FromNumber(expected));

    [Fact]
    public void Number_bounds_apply_to_the_rounded_value() =>
        Parser("number", new TypeOptions { Round = 0, Max = 10 }).AssertParses("10.4", CellValue.FromNumber(10));
}
