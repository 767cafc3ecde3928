using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class PhoneNumberTypeTests
{
    [Theory]
    [InlineData("(415) 555-0123", "+14155550123")]
    [InlineData("415.555.0123", "+14155550123")]
    [InlineData("415-555-0123", "+14155550123")]
    [InlineData("4155550123", "+14155550123")]
    [InlineData("1 415 555 0123", "+14155550123")]
    [InlineData("1-415-555-0123", "+14155550123")]
    [InlineData("+1 415 555 0123", "+14155550123")]
    [InlineData("+1 (415) 555-0123", "+14155550123")]
    [InlineData("001 415 555 0123", "+14155550123")]
    [InlineData("011 44 20 7946 0958", "+442079460958")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+44 (0)20 7946 0958", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("+33 1 42 68 53 00", "+33142685300")]
    [InlineData("+49 30 901820", "+4930901820")]
    [InlineData("+39 06 6982 1234", "+390669821234")]
    [InlineData("+7 495 123-45-67", "+74951234567")]
    [InlineData("+61 2 9374 4000", "+61293744000")]
    [InlineData("+91 98765 43210", "+919876543210")]
    [InlineData("+86 138 0013 8000", "+8613800138000")]
    [InlineData("+376 312 345", "+376312345")]
    [InlineData("+995 32 212 3456", "+995322123456")]
    [InlineData("+1 416 555 0199", "+14165550199")]
    [InlineData("tel:+1-415-555-0123", "+14155550123")]
    [InlineData("+675 7012 3456", "+67570123456")]
    public void PhoneNumber_outputs_e164_with_us_as_the_default_country(string text, string expected) =>
        Parser("phone-number").AssertParses(text, expected);

    [Theory]
    [InlineData("(415) 555-0123 x123")]
    [InlineData("415-555-0123 ext. 12")]
    [InlineData("415-555-0123 ext 12")]
    [InlineData("415.555.0123x9")]
    [InlineData("415 555 0123 extension 5")]
    [InlineData("415 555 0123 #12")]
    public void PhoneNumber_drops_an_extension_and_keeps_the_number(string text) =>
        Parser("phone-number").AssertParses(text, "+14155550123");

    [Theory]
    [InlineData("GB", "020 7946 0958", "+442079460958")]
    [InlineData("GB", "07700 900123", "+447700900123")]
    [InlineData("gb", "20 7946 0958", "+442079460958")]
    [InlineData("FR", "01 42 68 53 00", "+33142685300")]
    [InlineData("DE", "030 901820", "+4930901820")]
    [InlineData("IT", "06 6982 1234", "+390669821234")]
    [InlineData("ES", "912 345 678", "+34912345678")]
    [InlineData("RU", "8 (495) 123-45-67", "+74951234567")]
    [InlineData("HU", "06 1 234 5678", "+3612345678")]
    [InlineData("BY", "8 029 123-45-67", "+375291234567")]
    [InlineData("KZ", "8 701 123 4567", "+77011234567")]
    [InlineData("AU", "(02) 9374 4000", "+61293744000")]
    [InlineData("JP", "03-1234-5678", "+81312345678")]
    [InlineData("CA", "416 555 0199", "+14165550199")]
    [InlineData("DE", "+1 415 555 0123", "+14155550123")]
    [InlineData("FR", "00 44 20 7946 0958", "+442079460958")]
    public void PhoneNumber_reads_national_numbers_of_the_configured_country(string country, string text, string expected) =>
        Parser("phone-number", new TypeOptions { Country = country }).AssertParses(text, expected);

    [Theory]
    [InlineData("555-0123")]
    [InlineData("415 555 012")]
    [InlineData("415 555 01234")]
    [InlineData("(015) 555-0123")]
    [InlineData("(115) 555-0123")]
    [InlineData("(415) 055-0123")]
    [InlineData("(415) 155-0123")]
    [InlineData("2 415 555 0123")]
    [InlineData("+44 20 7946 09")]
    [InlineData("+44 20 7946 0958 123")]
    [InlineData("+33 1 42 68 53")]
    [InlineData("+1 415 555")]
    [InlineData("+999 1234")]
    [InlineData("+123456789012345678")]
    [InlineData("1-800-FLOWERS")]
    [InlineData("call me")]
    [InlineData("415+555+0123")]
    [InlineData("x123")]
    public void PhoneNumber_rejects_impossible_numbers(string text) =>
        Assert.Equal($"'{text}' is not a valid phone number.", Parser("phone-number").AssertRejects(text));
}
