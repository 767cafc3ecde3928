using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Validation.ValidationTestKit;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>The eight require_* validators: when the empty cell is required, as truth tables over two other fields.</summary>
public sealed class RequireFamilyTests
{
    /// <summary>(validator, other, third, is the empty value cell flagged). Values: fieldValues {other: x, third: y}.</summary>
    public static TheoryData<string, string, string, bool> TruthTable => new()
    {
        { ValidatorKinds.RequireWith, "", "", false },
        { ValidatorKinds.RequireWith, "a", "", true },
        { ValidatorKinds.RequireWith, "", "b", true },
        { ValidatorKinds.RequireWith, "a", "b", true },
        { ValidatorKinds.RequireWithout, "", "", true },
        { ValidatorKinds.RequireWithout, "a", "", true },
        { ValidatorKinds.RequireWithout, "", "b", true },
        { ValidatorKinds.RequireWithout, "a", "b", false },
        { ValidatorKinds.RequireWithAll, "", "", false },
        { ValidatorKinds.RequireWithAll, "a", "", false },
        { ValidatorKinds.RequireWithAll, "", "b", false },
        { ValidatorKinds.RequireWithAll, "a", "b", true },
        { ValidatorKinds.RequireWithoutAll, "", "", true },
        { ValidatorKinds.RequireWithoutAll, "a", "", false },
        { ValidatorKinds.RequireWithoutAll, "", "b", false },
        { ValidatorKinds.RequireWithoutAll, "a", "b", false },
        { ValidatorKinds.RequireWithValues, "z", "z", false },
        { ValidatorKinds.RequireWithValues, "x", "z", true },
        { ValidatorKinds.RequireWithValues, "z", "y", true },
        { ValidatorKinds.RequireWithValues, "x", "y", true },
        { ValidatorKinds.RequireWithoutValues, "z", "z", true },
        { ValidatorKinds.RequireWithoutValues, "x", "z", true },
        { ValidatorKinds.RequireWithoutValues, "z", "y", true },
        { ValidatorKinds.RequireWithoutValues, "x", "y", false },
        { ValidatorKinds.RequireWithAllValues, "z", "z", false },
        { ValidatorKinds.RequireWithAllValues, "x", "z", false },
        { ValidatorKinds.RequireWithAllValues, "z", "y", false },
        { ValidatorKinds.RequireWithAllValues, "x", "y", true },
        { ValidatorKinds.RequireWithoutAllValues, "z", "z", true },
        { ValidatorKinds.RequireWithoutAllValues, "", "", true },
        { ValidatorKinds.RequireWithoutAllValues, "x", "z", false },
        { ValidatorKinds.RequireWithoutAllValues, "z", "y", false },
        { ValidatorKinds.RequireWithoutAllValues, "x", "y", false },
    };

    [Theory, MemberData(nameof(TruthTable))]
    public void An_empty_cell_is_required_exactly_when_the_condition_holds(string kind, string other, string third, bool flagged)
    {
        var plan = Plan(Field("value", Definition(kind)), Field("other"), Field("third"));
        var emptyRow = Row(3, "", other, third);
        var filledRow = Row(3, "v", other, third);

        plan.ValidateRow(emptyRow);
        plan.ValidateRow(filledRow);

        Assert.Equal(flagged, MessagesOf(emptyRow, 0).Count == 1);
        Assert.Empty(MessagesOf(filledRow, 0));
    }

    [Fact]
    public void A_blank_other_field_counts_as_empty()
    {
        var plan = Plan(Field("value", WithFields(ValidatorKinds.RequireWith, "other")), Field("other"));
        var row = Row(2, "", "   ");

        plan.ValidateRow(row);

        Assert.Empty(MessagesOf(row, 0));
    }

    [Theory]
    [InlineData("""{"other": "  us  "}""", "US")]       // trimmed, case-insensitive
    [InlineData("""{"other": ["CA", "US"]}""", "us")]   // any listed value
    [InlineData("""{"other": null}""", "")]             // null matches an empty cell
    [InlineData("""{"other": ""}""", "  ")]
    public void A_listed_value_matches_the_text_of_the_other_field(string fieldValues, string otherCell)
    {
        var plan = Plan(Field("value", WithValues(ValidatorKinds.RequireWithValues, fieldValues)), Field("other"));
        var row = Row(2, "", otherCell);

        plan.ValidateRow(row);

        Assert.Single(MessagesOf(row, 0));
    }

    [Fact]
    public void A_number_value_matches_a_number_result_whatever_the_raw_text()
    {
        var plan = Plan(Field("value", WithValues(ValidatorKinds.RequireWithValues, """{"amount": 1.50}""")), Field("amount"));
        var row = new ImportRow(0, 2);
        row.Values[0] = CellValue.FromString("");
        row.Values[1] = CellValue.FromString("1,5");
        row.Results[1] = CellValue.FromNumber(1.5);

        plan.ValidateRow(row);

        Assert.Equal(["Required when Amount is '1.50'."], TextsOf(row, 0));
    }

    [Fact]
    public void Field_values_built_in_code_work_like_parsed_ones()
    {
        var definition = new ValidatorDefinition
        {
            Validate = ValidatorKinds.RequireWithValues,
            FieldValues = new System.Text.Json.Nodes.JsonObject { ["amount"] = 2, ["flag"] = false },
        };
        var plan = Plan(Field("value", definition), Field("amount"), Field("flag"));
        var row = new ImportRow(0, 3);
        row.Values[0] = CellValue.FromString("");
        row.Values[1] = CellValue.FromString("2.0");
        row.Results[1] = CellValue.FromNumber(2);

        plan.ValidateRow(row);

        Assert.Equal(["Required when Amount is '2' or Flag is 'false'."], TextsOf(row, 0));
    }

    [Fact]
    public void A_boolean_value_matches_a_checkbox_result_and_the_raw_text_is_checked_too()
    {
        var plan = Plan(
            Field("value", WithValues(ValidatorKinds.RequireWithValues, """{"subscribed": true, "plan": "gold"}""")),
            Field("subscribed"), Field("plan"));
        var checkedRow = new ImportRow(0, 3);
        checkedRow.Values[0] = CellValue.FromString("");
        checkedRow.Values[1] = CellValue.FromString("yes");
        checkedRow.Results[1] = CellValue.True;
        var rawMatchRow = new ImportRow(1, 3);
        rawMatchRow.Values[0] = CellValue.FromString("");
        rawMatchRow.Values[2] = CellValue.FromString("Gold");
        rawMatchRow.Results[2] = CellValue.FromString("plan_gold"); // e.g. a select option's value

        plan.ValidateRow(checkedRow);
        plan.ValidateRow(rawMatchRow);

        Assert.Equal(["Required when Subscribed is 'true' or Plan is 'gold'."], TextsOf(checkedRow, 0));
        Assert.Single(MessagesOf(rawMatchRow, 0));
    }

    [Fact]
    public void A_multi_select_result_matches_when_any_chosen_option_matches()
    {
        var plan = Plan(Field("value", WithValues(ValidatorKinds.RequireWithValues, """{"channels": "email"}""")), Field("channels"));
        var row = new ImportRow(0, 2);
        row.Values[0] = CellValue.FromString("");
        row.Values[1] = CellValue.FromString("sms, e-mail");
        row.Results[1] = CellValue.FromArray([CellValue.FromString("sms"), CellValue.FromString("email")]);

        plan.ValidateRow(row);

        Assert.Equal(["Required when Channels is 'email'."], TextsOf(row, 0));
    }

    [Theory]
    [InlineData(ValidatorKinds.RequireWith, "Required when any of Other, Third is filled in.")]
    [InlineData(ValidatorKinds.RequireWithout, "Required when any of Other, Third is empty.")]
    [InlineData(ValidatorKinds.RequireWithValues, "Required when Other is 'x' or Third is one of 'y', 'z'.")]
    [InlineData(ValidatorKinds.RequireWithoutValues, "Required when Other is not 'x' or Third is not one of 'y', 'z'.")]
    [InlineData(ValidatorKinds.RequireWithoutAllValues, "Required when Other is not 'x' and Third is not one of 'y', 'z'.")]
    public void Default_messages_name_every_condition(string kind, string message)
    {
        var definition = kind.EndsWith("_values", StringComparison.Ordinal)
            ? WithValues(kind, """{"other": "x", "third": ["y", "z"]}""")
            : WithFields(kind, "other", "third");
        var plan = Plan(Field("value", definition), Field("other"), Field("third"));
        var failing = kind switch
        {
            ValidatorKinds.RequireWith or ValidatorKinds.RequireWithValues => Row(3, "", "x", "y"),
            _ => Row(3, "", "", ""),
        };

        plan.ValidateRow(failing);

        Assert.Equal([message], TextsOf(failing, 0));
    }

    private static ValidatorDefinition Definition(string kind) => kind.EndsWith("_values", StringComparison.Ordinal)
        ? WithValues(kind, """{"other": "x", "third": "y"}""")
        : WithFields(kind, "other", "third");
}
