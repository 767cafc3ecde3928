using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Validation.ValidationTestKit;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>unique, unique_case_insensitive and unique_with over several rows.</summary>
public sealed class UniquenessTests
{
    [Fact]
    public void Every_occurrence_of_a_repeated_value_is_flagged_the_first_too()
    {
        var rows = RunColumn(ValidatorKinds.Unique, "a@x.com", "b@x.com", "a@x.com", "c@x.com", "a@x.com");

        Assert.Equal([true, false, true, false, true], Flagged(rows, 0));
        Assert.Equal(["'a@x.com' appears more than once in Email."], TextsOf(rows[0], 0));
    }

    [Fact]
    public void A_very_long_repeated_value_is_shortened_in_the_message()
    {
        var text = new string('x', 5000);

        var rows = RunColumn(ValidatorKinds.Unique, text, text);

        Assert.Equal([$"'{new string('x', 99)}…' appears more than once in Email."], TextsOf(rows[1], 0));
    }

    [Fact]
    public void Empty_and_blank_values_are_never_duplicates()
    {
        var rows = RunColumn(ValidatorKinds.Unique, "", "", "  ", "x", "\t");

        Assert.All(rows, row => Assert.Empty(MessagesOf(row, 0)));
    }

    [Fact]
    public void Unique_compares_exactly_and_unique_case_insensitive_ignores_case()
    {
        string[] cells = ["Émile@X.com", "émile@x.COM", "other"];

        var exact = RunColumn(ValidatorKinds.Unique, cells);
        var caseless = RunColumn(ValidatorKinds.UniqueCaseInsensitive, cells);

        Assert.Equal([false, false, false], Flagged(exact, 0));
        Assert.Equal([true, true, false], Flagged(caseless, 0));
        Assert.Equal(["'émile@x.COM' appears more than once in Email (ignoring case)."], TextsOf(caseless[1], 0));
    }

    [Fact]
    public void Values_are_compared_by_their_parsed_result()
    {
        var plan = Plan(Field("amount", Validator(ValidatorKinds.Unique)));
        var rows = new[] { NumberRow(0, "1,000", 1000), NumberRow(1, "1000.0", 1000), NumberRow(2, "999", 999) };

        Validate(plan, rows);

        Assert.Equal([true, true, false], Flagged(rows, 0));
        Assert.Equal(["'1000' appears more than once in Amount."], TextsOf(rows[0], 0));
    }

    [Fact]
    public void Unique_with_flags_each_field_of_a_repeated_combination()
    {
        var plan = Plan(Field("first", UniqueWith("name")), Field("last", UniqueWith("name")), Field("city"));
        var rows = Rows(3, ["Ann", "Lee", "Oslo"], ["Ann", "Kim", "Oslo"], ["Ann", "Lee", "Rome"]);

        Validate(plan, rows);

        Assert.Equal([true, false, true], Flagged(rows, 0));
        Assert.Equal([true, false, true], Flagged(rows, 1));
        Assert.Equal([false, false, false], Flagged(rows, 2));
        Assert.Equal(["The combination of First 'Ann', Last 'Lee' appears more than once."], TextsOf(rows[2], 1));
    }

    [Fact]
    public void Unique_with_skips_rows_where_the_whole_combination_is_empty_but_not_partly_empty_ones()
    {
        var plan = Plan(Field("first", UniqueWith("name")), Field("last", UniqueWith("name")));
        var rows = Rows(2, ["", ""], ["", " "], ["Ann", ""], ["Ann", ""]);

        Validate(plan, rows);

        Assert.Equal([false, false, true, true], Flagged(rows, 0));
    }

    [Fact]
    public void Unique_with_never_confuses_values_that_run_into_each_other()
    {
        var plan = Plan(Field("a", UniqueWith("k")), Field("b", UniqueWith("k")));
        var rows = Rows(2, ["ab", "c"], ["a", "bc"], ["1:a", "b"], ["1", "a:b"]);

        Validate(plan, rows);

        Assert.All(rows, row => Assert.Null(row.ValidatorMessages));
    }

    [Fact]
    public void Different_unique_keys_are_different_combinations()
    {
        var plan = Plan(
            Field("a", UniqueWith("one")), Field("b", UniqueWith("one"), UniqueWith("two")), Field("c", UniqueWith("two")));
        var rows = Rows(3, ["x", "y", "1"], ["z", "y", "1"]);

        Validate(plan, rows);

        Assert.Equal([false, false], Flagged(rows, 0));
        Assert.Equal([true, true], Flagged(rows, 1)); // flagged by "two" only
        Assert.Single(MessagesOf(rows[0], 1));
        Assert.Equal([true, true], Flagged(rows, 2));
    }

    [Fact]
    public void Each_field_of_a_combination_uses_its_own_error_message_and_level()
    {
        var first = UniqueWith("name");
        first.ErrorMessage = "Duplicate person.";
        var last = UniqueWith("name");
        last.Level = MessageLevel.Warning;
        var plan = Plan(Field("first", first), Field("last", last));
        var rows = Rows(2, ["Ann", "Lee"], ["Ann", "Lee"]);

        Validate(plan, rows);

        Assert.Equal(new CellMessage("Duplicate person.", MessageLevel.Error), Assert.Single(MessagesOf(rows[1], 0)));
        Assert.Equal(MessageLevel.Warning, Assert.Single(MessagesOf(rows[1], 1)).Level);
    }

    [Fact]
    public void A_plan_without_unique_validators_says_so()
    {
        Assert.False(Plan(Field("a", Validator(ValidatorKinds.Required))).HasUniqueness);
        Assert.True(Plan(Field("a", Validator(ValidatorKinds.UniqueCaseInsensitive))).HasUniqueness);
        Assert.True(Plan(Field("a", UniqueWith("k"))).HasUniqueness);
    }

    [Fact]
    public void ValidateRow_leaves_uniqueness_to_the_tracker()
    {
        var plan = Plan(Field("a", Validator(ValidatorKinds.Unique)));
        var rows = Rows(1, ["x"], ["x"]);

        foreach (var row in rows) plan.ValidateRow(row);

        Assert.All(rows, row => Assert.Null(row.ValidatorMessages));
    }

    [Fact]
    public void Duplicates_among_many_distinct_values_are_found_exactly()
    {
        const int count = 50_000;
        var plan = Plan(Field("id", Validator(ValidatorKinds.Unique)));
        var rows = new ImportRow[count];
        for (var i = 0; i < count; i++)
        {
            // Every 1 009th row repeats the value of the row 500 before it.
            var value = i % 1_009 == 0 && i >= 500 ? $"ID-{i - 500:D8}" : $"ID-{i:D8}";
            rows[i] = Row(i, 1, value);
        }

        Validate(plan, rows);

        var flagged = Enumerable.Range(0, count).Where(i => rows[i].ValidatorMessages is not null).ToList();
        var expected = Enumerable.Range(0, count).Where(i => i % 1_009 == 0 && i >= 500)
            .SelectMany(i => new[] { i - 500, i }).Order().ToList();
        Assert.Equal(expected, flagged);
    }

    private static List<ImportRow> RunColumn(string kind, params string[] cells)
    {
        var plan = Plan(Field("email", Validator(kind)));
        var rows = cells.Select((cell, index) => Row(index, 1, cell)).ToList();
        Validate(plan, rows);
        return rows;
    }

    private static ImportRow[] Rows(int fieldCount, params string[][] cells) =>
        [.. cells.Select((row, index) => Row(index, fieldCount, row))];

    private static ImportRow NumberRow(long index, string raw, double result)
    {
        var row = new ImportRow(index, 1);
        row.Values[0] = CellValue.FromString(raw);
        row.Results[0] = CellValue.FromNumber(result);
        return row;
    }

    private static bool[] Flagged(IReadOnlyList<ImportRow> rows, int field) =>
        [.. rows.Select(row => MessagesOf(row, field).Count > 0)];
}
