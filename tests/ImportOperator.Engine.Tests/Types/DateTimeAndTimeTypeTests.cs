using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class DateTimeAndTimeTypeTests
{
    [Theory]
    [InlineData("2024-03-27 14:05", "2024-03-27T14:05")]
    [InlineData("2024-03-27T14:05:30Z", "2024-03-27T14:05")]
    [InlineData("2024-03-27T14:05:30.123456+02:00", "2024-03-27T14:05")]
    [InlineData("2024-03-27T14:05:30.1234567890123Z", "2024-03-27T14:05")]
    [InlineData("2024-03-27T23:30:00-0500", "2024-03-27T23:30")]
    [InlineData("2024-03-27t08:00", "2024-03-27T08:00")]
    [InlineData("03/27/2024 2:05 PM", "2024-03-27T14:05")]
    [InlineData("03/27/2024 2:05pm", "2024-03-27T14:05")]
    [InlineData("3/27/2024 12:00 AM", "2024-03-27T00:00")]
    [InlineData("3/27/2024 12:30 p.m.", "2024-03-27T12:30")]
    [InlineData("27.03.2024 14:05:59", "2024-03-27T14:05")]
    [InlineData("Wed, 27 Mar 2024 10:00:00 +0000", "2024-03-27T10:00")]
    [InlineData("Wed, 27 Mar 2024 10:00:00 EST", "2024-03-27T10:00")]
    [InlineData("March 27, 2024 at 9:15 AM", "2024-03-27T09:15")]
    [InlineData("March 27, 2024, 9:15", "2024-03-27T09:15")]
    [InlineData("2024-03-27 14:05 UTC", "2024-03-27T14:05")]
    [InlineData("2024-03-27", "2024-03-27T00:00")]
    [InlineData("2024-03-27 3pm", "2024-03-27T15:00")]
    public void DateTime_keeps_the_wall_clock_time_as_written(string text, string expected) =>
        Parser("datetime").AssertParses(text, expected);

    [Theory]
    [InlineData("2024-03-27 24:00")]
    [InlineData("2024-03-27 14:60")]
    [InlineData("2024-03-27 14:05:61")]
    [InlineData("2024-03-27 13:00 PM")]
    [InlineData("2024-03-27 14")]
    [InlineData("2024-03-27 14:5")]
    [InlineData("2024-03-27 14:05 Mars")]
    [InlineData("2024-03-27 14:05 +25:00")]
    [InlineData("2023-02-29 10:00")]
    [InlineData("14:05")]
    public void DateTime_rejects_impossible_times_and_dates(string text) =>
        Assert.Equal($"'{text}' is not a valid date and time.", Parser("datetime").AssertRejects(text));

    [Fact]
    public void DateTime_uses_the_locale_order() =>
        Parser("datetime", new TypeOptions { Locale = "en-GB" }).AssertParses("01/02/2024 09:30", "2024-02-01T09:30");

    [Theory]
    [InlineData("14:05", "14:05")]
    [InlineData("9:05", "09:05")]
    [InlineData("2:05 PM", "14:05")]
    [InlineData("2:05 pm", "14:05")]
    [InlineData("2:05PM", "14:05")]
    [InlineData("14:05:30", "14:05")]
    [InlineData("14:05:30.250", "14:05")]
    [InlineData("2pm", "14:00")]
    [InlineData("2 PM", "14:00")]
    [InlineData("12am", "00:00")]
    [InlineData("12pm", "12:00")]
    [InlineData("12:30 a.m.", "00:30")]
    [InlineData("11:59 p", "23:59")]
    [InlineData("00:00", "00:00")]
    [InlineData("23:59", "23:59")]
    [InlineData("T14:05", "14:05")]
    [InlineData("14:05Z", "14:05")]
    [InlineData("14:05:00+02:00", "14:05")]
    [InlineData("2024-03-27T14:05:30Z", "14:05")]
    [InlineData("03/27/2024 2:05 PM", "14:05")]
    public void Time_reads_clock_times(string text, string expected) => Parser("time").AssertParses(text, expected);

    [Theory]
    [InlineData("24:00")]
    [InlineData("14:60")]
    [InlineData("14")]
    [InlineData("1405")]
    [InlineData("13pm")]
    [InlineData("0am")]
    [InlineData("2 o'clock")]
    [InlineData("noon")]
    [InlineData("2024-03-27")]
    [InlineData("14:05 later")]
    public void Time_rejects_what_is_not_a_time(string text) =>
        Assert.Equal($"'{text}' is not a valid time.", Parser("time").AssertRejects(text));
}
