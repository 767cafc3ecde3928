using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class DateTypeTests
{
    [Theory]
    [InlineData("2024-03-27", "2024-03-27")]
    [InlineData("  2024-03-27  ", "2024-03-27")]
    [InlineData("2024-3-7", "2024-03-07")]
    [InlineData("2024/03/27", "2024-03-27")]
    [InlineData("2024.03.27", "2024-03-27")]
    [InlineData("20240327", "2024-03-27")]
    [InlineData("2024-03-27T14:05:30Z", "2024-03-27")]
    [InlineData("2024-03-27 23:59", "2024-03-27")]
    [InlineData("2024-03-27T23:30:00-05:00", "2024-03-27")]
    [InlineData("03/27/2024", "2024-03-27")]
    [InlineData("3/27/2024", "2024-03-27")]
    [InlineData("3/7/2024", "2024-03-07")]
    [InlineData("01/02/2024", "2024-01-02")]
    [InlineData("03-27-2024", "2024-03-27")]
    [InlineData("27/03/2024", "2024-03-27")]
    [InlineData("27-03-2024", "2024-03-27")]
    [InlineData("27.03.2024", "2024-03-27")]
    [InlineData("01.02.2024", "2024-02-01")]
    [InlineData("03.27.2024", "2024-03-27")]
    [InlineData("Wed, 27 Mar 2024 10:00:00 +0000", "2024-03-27")]
    [InlineData("Wed, 27 Mar 2024 10:00:00 GMT", "2024-03-27")]
    [InlineData("Wed Mar 27 2024 10:00:00 GMT+0100 (Central European Standard Time)", "2024-03-27")]
    [InlineData("March 27, 2024", "2024-03-27")]
    [InlineData("march 27 2024", "2024-03-27")]
    [InlineData("Mar 27 2024", "2024-03-27")]
    [InlineData("Mar. 27, 2024", "2024-03-27")]
    [InlineData("27 Mar 2024", "2024-03-27")]
    [InlineData("27 March 2024", "2024-03-27")]
    [InlineData("27-Mar-2024", "2024-03-27")]
    [InlineData("27-Mar-24", "2024-03-27")]
    [InlineData("27th March 2024", "2024-03-27")]
    [InlineData("March 1st, 2024", "2024-03-01")]
    [InlineData("Sept 3, 2024", "2024-09-03")]
    [InlineData("2024-Mar-27", "2024-03-27")]
    [InlineData("Wednesday, March 27, 2024", "2024-03-27")]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("2000-02-29", "2000-02-29")]
    public void Date_reads_common_forms(string text, string expected) => Parser("date").AssertParses(text, expected);

    [Theory]
    [InlineData("3/27/24", "2024-03-27")]
    [InlineData("3/27/29", "2029-03-27")]
    [InlineData("3/27/30", "1930-03-27")]
    [InlineData("3/27/99", "1999-03-27")]
    [InlineData("3/27/00", "2000-03-27")]
    public void Date_two_digit_years_pivot_at_30(string text, string expected) => Parser("date").AssertParses(text, expected);

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("2024-04-31")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("13/13/2024")]
    [InlineData("02/30/2024")]
    [InlineData("00/10/2024")]
    [InlineData("2024-03")]
    [InlineData("March 2024")]
    [InlineData("27/03")]
    [InlineData("3/27/024")]
    [InlineData("tomorrow")]
    [InlineData("2024-03-27 25:00")]
    [InlineData("2024-03-27 banana")]
    [InlineData("14:05")]
    [InlineData("1234")]
    [InlineData("Smarch 27, 2024")]
    [InlineData("2024-03/27")]
    public void Date_rejects_impossible_or_unreadable_dates(string text) =>
        Assert.Equal($"'{text}' is not a valid date.", Parser("date").AssertRejects(text));

    [Theory]
    [InlineData("en-GB")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("en_AU")]
    [InlineData("es")]
    public void Date_in_a_day_first_locale_reads_the_first_number_as_the_day(string locale)
    {
        var parser = Parser("date", new TypeOptions { Locale = locale });
        parser.AssertParses("01/02/2024", "2024-02-01");
        parser.AssertParses("03/27/2024", "2024-03-27"); // 27 cannot be a month
        parser.AssertParses("2024-01-02", "2024-01-02"); // year-first is never reordered
    }

    [Fact]
    public void Date_in_a_month_first_locale_reads_the_first_number_as_the_month() =>
        Parser("date", new TypeOptions { Locale = "en-US" }).AssertParses("01/02/2024", "2024-01-02");
}
