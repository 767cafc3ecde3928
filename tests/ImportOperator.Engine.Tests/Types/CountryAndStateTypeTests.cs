using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Types;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class CountryAndStateTypeTests
{
    [Theory]
    [InlineData("US", "US")]
    [InlineData("us", "US")]
    [InlineData("USA", "US")]
    [InlineData("U.S.A.", "US")]
    [InlineData("United States", "US")]
    [InlineData("united states of america", "US")]
    [InlineData("GB", "GB")]
    [InlineData("GBR", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("Great Britain", "GB")]
    [InlineData("England", "GB")]
    [InlineData("Scotland", "GB")]
    [InlineData("Russia", "RU")]
    [InlineData("Russian Federation", "RU")]
    [InlineData("South Korea", "KR")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("North Korea", "KP")]
    [InlineData("Czech Republic", "CZ")]
    [InlineData("Czechia", "CZ")]
    [InlineData("Ivory Coast", "CI")]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("Cote d’Ivoire", "CI")]
    [InlineData("COTE DIVOIRE", "CI")]
    [InlineData("Holland", "NL")]
    [InlineData("The Netherlands", "NL")]
    [InlineData("Netherlands", "NL")]
    [InlineData("Curacao", "CW")]
    [InlineData("Åland Islands", "AX")]
    [InlineData("Réunion", "RE")]
    [InlineData("Türkiye", "TR")]
    [InlineData("Turkey", "TR")]
    [InlineData("Bosnia & Herzegovina", "BA")]
    [InlineData("St. Lucia", "LC")]
    [InlineData("Saint Kitts and Nevis", "KN")]
    [InlineData("Congo", "CG")]
    [InlineData("DR Congo", "CD")]
    [InlineData("Democratic Republic of the Congo", "CD")]
    [InlineData("Viet Nam", "VN")]
    [InlineData("Vietnam", "VN")]
    [InlineData("  germany  ", "DE")]
    [InlineData("DEU", "DE")]
    [InlineData("Niger", "NE")]
    [InlineData("Nigeria", "NG")]
    [InlineData("Kosovo", "XK")]
    [InlineData("The Bahamas", "BS")]
    public void Country_accepts_codes_names_and_aliases(string text, string expected) => Parser("country").AssertParses(text, expected);

    [Theory]
    [InlineData("US", "USA")]
    [InlineData("United Kingdom", "GBR")]
    [InlineData("DE", "DEU")]
    [InlineData("Kosovo", "XKX")]
    public void Country_outputs_alpha3_in_the_3_letter_format(string text, string expected) =>
        Parser("country", new TypeOptions { Format = "3-letter" }).AssertParses(text, expected);

    [Fact]
    public void Country_outputs_alpha2_in_the_2_letter_format() =>
        Parser("country", new TypeOptions { Format = "2-letter" }).AssertParses("Germany", "DE");

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("XX")]
    [InlineData("U")]
    [InlineData("Europe")]
    [InlineData("...")]
    public void Country_rejects_unknown_names(string text) =>
        Assert.Equal($"'{text}' is not a known country.", Parser("country").AssertRejects(text));

    [Fact]
    public void Country_table_holds_every_iso_3166_country_once()
    {
        Assert.Equal(250, Countries.All.Count); // the 249 of ISO 3166-1 and Kosovo
        Assert.Equal(Countries.All.Count, Countries.All.Select(country => country.Alpha2).Distinct().Count());
        Assert.Equal(Countries.All.Count, Countries.All.Select(country => country.Alpha3).Distinct().Count());
        var parser = Parser("country");
        foreach (var country in Countries.All)
        {
            parser.AssertParses(country.Alpha2, country.Alpha2);
            parser.AssertParses(country.Alpha3.ToLowerInvariant(), country.Alpha2);
            parser.AssertParses(country.Name.ToUpperInvariant(), country.Alpha2);
        }
    }

    [Theory]
    [InlineData("CA", "CA")]
    [InlineData("ca", "CA")]
    [InlineData("US-CA", "CA")]
    [InlineData("us-ca", "CA")]
    [InlineData("California", "CA")]
    [InlineData("CALIFORNIA", "CA")]
    [InlineData(" new york ", "NY")]
    [InlineData("District of Columbia", "DC")]
    [InlineData("Washington, D.C.", "DC")]
    [InlineData("D.C.", "DC")]
    [InlineData("Washington", "WA")]
    [InlineData("West Virginia", "WV")]
    [InlineData("Puerto Rico", "PR")]
    [InlineData("PR", "PR")]
    [InlineData("Guam", "GU")]
    [InlineData("U.S. Virgin Islands", "VI")]
    [InlineData("American Samoa", "AS")]
    [InlineData("Northern Mariana Islands", "MP")]
    [InlineData("UM", "UM")]
    [InlineData("Hawai'i", "HI")]
    public void UsState_accepts_codes_and_names_and_outputs_the_code(string text, string expected) =>
        Parser("us-state-territory").AssertParses(text, expected);

    [Theory]
    [InlineData("US")]
    [InlineData("XX")]
    [InlineData("US-XX")]
    [InlineData("Ontario")]
    [InlineData("AE")]
    [InlineData("FM")]
    [InlineData("Cali")]
    public void UsState_rejects_other_places(string text) =>
        Assert.Equal($"'{text}' is not a US state or territory.", Parser("us-state-territory").AssertRejects(text));

    [Theory]
    [InlineData("94105", "94105")]
    [InlineData(" 94105 ", "94105")]
    [InlineData("342", "00342")]
    [InlineData("2108", "02108")]
    [InlineData("94105-1234", "94105")]
    [InlineData("94105 1234", "94105")]
    [InlineData("941051234", "94105")]
    [InlineData("00501", "00501")]
    public void UsZipCode_outputs_five_digits(string text, string expected) => Parser("us-zip-code").AssertParses(text, expected);

    [Theory]
    [InlineData("12")]
    [InlineData("123456")]
    [InlineData("12345678")]
    [InlineData("1234567890")]
    [InlineData("9410A")]
    [InlineData("94105-123")]
    [InlineData("94105-12345")]
    [InlineData("SW1A 1AA")]
    [InlineData("-9410")]
    public void UsZipCode_rejects_anything_else(string text) =>
        Assert.Equal($"'{text}' is not a valid US ZIP code.", Parser("us-zip-code").AssertRejects(text));
}
