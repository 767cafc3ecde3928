using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Validation.ValidationTestKit;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>length (characters as a person counts them) and alphabetical (letters only).</summary>
public sealed class LengthAndAlphabeticalTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("e\u0301", 1)]                           // e + combining acute: one character
    [InlineData("👨‍👩‍👧", 1)]                                  // family emoji (ZWJ sequence)
    [InlineData("🇫🇷🇩🇪", 2)]                               // two flags
    [InlineData("a\r\nb", 3)]                           // CR LF is one character
    [InlineData("日本語", 3)]
    public void Length_counts_user_perceived_characters(string text, int length)
    {
        var exact = Plan(Field("value", Length(length, length)));
        var shorter = Plan(Field("value", Length(null, length - 1)));
        var ok = Row(1, text);
        var tooLong = Row(1, text);

        exact.ValidateRow(ok);
        shorter.ValidateRow(tooLong);

        Assert.Empty(MessagesOf(ok, 0));
        Assert.Single(MessagesOf(tooLong, 0));
    }

    [Theory]
    [InlineData(2, null, "a", "Must be at least 2 characters.")]
    [InlineData(null, 3, "abcd", "Must be at most 3 characters.")]
    [InlineData(1, 1, "ab", "Must be exactly 1 character.")]
    [InlineData(5, 5, "abc", "Must be exactly 5 characters.")]
    [InlineData(2, 3, "a", "Must be between 2 and 3 characters.")]
    public void Length_bounds_are_inclusive_and_named_in_the_message(int? min, int? max, string failing, string message)
    {
        var plan = Plan(Field("value", Length(min, max)));
        var row = Row(1, failing);
        var atMin = Row(1, new string('x', min ?? 1));
        var atMax = Row(1, new string('x', max ?? 9));

        plan.ValidateRow(row);
        plan.ValidateRow(atMin);
        plan.ValidateRow(atMax);

        Assert.Equal([message], TextsOf(row, 0));
        Assert.Empty(MessagesOf(atMin, 0));
        Assert.Empty(MessagesOf(atMax, 0));
    }

    [Fact]
    public void Length_reads_the_parsed_result()
    {
        var plan = Plan(Field("value", Length(null, 5)));
        var row = new ImportRow(0, 1);
        row.Values[0] = CellValue.FromString("  2024-03-27T00:00  ");
        row.Results[0] = CellValue.FromString("2024-03-27");
        var tooLong = new ImportRow(1, 1);
        tooLong.Values[0] = CellValue.FromString("1 234 567");
        tooLong.Results[0] = CellValue.FromNumber(1234567);

        plan.ValidateRow(row);
        plan.ValidateRow(tooLong);

        Assert.Equal(["Must be at most 5 characters."], TextsOf(row, 0));
        Assert.Equal(["Must be at most 5 characters."], TextsOf(tooLong, 0));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("Zoë", true)]
    [InlineData("Łódź", true)]
    [InlineData("東京", true)]
    [InlineData("e\u0301", true)]          // a letter with a separately written accent
    [InlineData("हिन्दी", true)]              // vowel signs are combining marks
    [InlineData("O'Brien", false)]
    [InlineData("Jean-Luc", false)]
    [InlineData("Mary Ann", false)]
    [InlineData("abc1", false)]
    [InlineData("\u0301a", false)]         // a mark with no letter before it
    [InlineData("ab😀", false)]
    public void Alphabetical_accepts_letters_of_any_script_only(string text, bool passes)
    {
        var plan = Plan(Field("value", Validator(ValidatorKinds.Alphabetical)));
        var row = Row(1, text);

        plan.ValidateRow(row);

        Assert.Equal(passes, MessagesOf(row, 0).Count == 0);
    }

    [Theory]
    [InlineData(ValidatorKinds.Length)]
    [InlineData(ValidatorKinds.Alphabetical)]
    public void An_empty_cell_is_not_checked(string kind)
    {
        var definition = kind == ValidatorKinds.Length ? Length(3, null) : Validator(kind);
        var plan = Plan(Field("value", definition));
        var row = Row(1, " ");

        plan.ValidateRow(row);

        Assert.Empty(MessagesOf(row, 0));
    }

    [Fact]
    public void Required_treats_an_empty_checkbox_as_empty_and_an_unticked_one_as_filled()
    {
        var plan = Plan(Field("value", Validator(ValidatorKinds.Required)));
        var empty = new ImportRow(0, 1);
        empty.Values[0] = CellValue.FromString("");
        empty.Results[0] = CellValue.False;
        var unticked = new ImportRow(1, 1);
        unticked.Values[0] = CellValue.FromString("no");
        unticked.Results[0] = CellValue.False;
        var blank = Row(1, " \t ");

        plan.ValidateRow(empty);
        plan.ValidateRow(unticked);
        plan.ValidateRow(blank);

        Assert.Equal(["This field is required."], TextsOf(empty, 0));
        Assert.Empty(MessagesOf(unticked, 0));
        Assert.Equal(["This field is required."], TextsOf(blank, 0));
    }
}
