using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Validation.ValidationTestKit;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>
/// The contract every one of the 16 validators keeps, table-driven: a failing input gets exactly the default
/// message on the validated cell (field "value"), a passing input gets none, errorMessage replaces the default,
/// and level sets the message level. Fields: value (index 0), other (1), third (2).
/// </summary>
public sealed class EveryValidatorTests
{
    private sealed record Case(
        Func<ValidatorDefinition> Definition,
        string[][] FailingRows,
        string[][] PassingRows,
        string DefaultMessage,
        Func<ValidatorDefinition>? OtherFieldValidator = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        [ValidatorKinds.Required] = new(() => Validator(ValidatorKinds.Required),
            [[""]], [["x"]], "This field is required."),
        [ValidatorKinds.Unique] = new(() => Validator(ValidatorKinds.Unique),
            [["a"], ["a"]], [["a"], ["b"]], "'a' appears more than once in Value."),
        [ValidatorKinds.UniqueCaseInsensitive] = new(() => Validator(ValidatorKinds.UniqueCaseInsensitive),
            [["a"], ["A"]], [["a"], ["b"]], "'a' appears more than once in Value (ignoring case)."),
        [ValidatorKinds.UniqueWith] = new(() => UniqueWith("person"),
            [["a", "1"], ["a", "1"]], [["a", "1"], ["a", "2"]],
            "The combination of Value 'a', Other '1' appears more than once.",
            OtherFieldValidator: () => UniqueWith("person")),
        [ValidatorKinds.RegexMatch] = new(() => Regex(ValidatorKinds.RegexMatch, "^[0-9]+$"),
            [["12a"]], [["123"]], "Must match ^[0-9]+$."),
        [ValidatorKinds.RegexExclude] = new(() => Regex(ValidatorKinds.RegexExclude, "@"),
            [["a@b"]], [["ab"]], "Must not match @."),
        [ValidatorKinds.RequireWith] = new(() => WithFields(ValidatorKinds.RequireWith, "other"),
            [["", "x"]], [["", ""], ["v", "x"]], "Required when Other is filled in."),
        [ValidatorKinds.RequireWithout] = new(() => WithFields(ValidatorKinds.RequireWithout, "other"),
            [["", ""]], [["", "x"], ["v", ""]], "Required when Other is empty."),
        [ValidatorKinds.RequireWithAll] = new(() => WithFields(ValidatorKinds.RequireWithAll, "other", "third"),
            [["", "x", "y"]], [["", "x", ""], ["v", "x", "y"]], "Required when Other, Third are all filled in."),
        [ValidatorKinds.RequireWithoutAll] = new(() => WithFields(ValidatorKinds.RequireWithoutAll, "other", "third"),
            [["", "", ""]], [["", "x", ""], ["v", "", ""]], "Required when Other, Third are all empty."),
        [ValidatorKinds.RequireWithValues] = new(() => WithValues(ValidatorKinds.RequireWithValues, """{"other": "US"}"""),
            [["", "us"]], [["", "CA"], ["v", "US"]], "Required when Other is 'US'."),
        [ValidatorKinds.RequireWithoutValues] = new(() => WithValues(ValidatorKinds.RequireWithoutValues, """{"other": "US"}"""),
            [["", "CA"]], [["", "US"], ["v", "CA"]], "Required when Other is not 'US'."),
        [ValidatorKinds.RequireWithAllValues] = new(
            () => WithValues(ValidatorKinds.RequireWithAllValues, """{"other": "US", "third": "CA"}"""),
            [["", "US", "CA"]], [["", "US", "NY"], ["v", "US", "CA"]], "Required when Other is 'US' and Third is 'CA'."),
        [ValidatorKinds.RequireWithoutAllValues] = new(
            () => WithValues(ValidatorKinds.RequireWithoutAllValues, """{"other": "US", "third": "CA"}"""),
            [["", "FR", "NY"]], [["", "US", "NY"], ["v", "FR", "NY"]], "Required when Other is not 'US' and Third is not 'CA'."),
        [ValidatorKinds.Length] = new(() => Length(2, 4),
            [["abcde"]], [["abc"]], "Must be between 2 and 4 characters."),
        [ValidatorKinds.Alphabetical] = new(() => Validator(ValidatorKinds.Alphabetical),
            [["abc1"]], [["Zoë"]], "Must contain letters only."),
    };

    public static TheoryData<string> Kinds => [.. ValidatorKinds.All];

    [Fact]
    public void The_table_covers_all_16_validators()
    {
        Assert.Equal(16, ValidatorKinds.All.Count);
        Assert.Equal(ValidatorKinds.All.Order(), Cases.Keys.Order());
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_failing_value_gets_the_default_message_as_an_error(string kind)
    {
        var rows = Run(Cases[kind], Cases[kind].Definition(), Cases[kind].FailingRows);

        var message = Assert.Single(MessagesOf(rows[0], 0));
        Assert.Equal(Cases[kind].DefaultMessage, message.Message);
        Assert.Equal(MessageLevel.Error, message.Level);
        Assert.True(rows[0].HasError);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void A_passing_value_gets_no_message(string kind)
    {
        var rows = Run(Cases[kind], Cases[kind].Definition(), Cases[kind].PassingRows);

        Assert.All(rows, row => Assert.Empty(MessagesOf(row, 0)));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void The_error_message_replaces_the_default(string kind)
    {
        var definition = Cases[kind].Definition();
        definition.ErrorMessage = "Please fix this cell.";

        var rows = Run(Cases[kind], definition, Cases[kind].FailingRows);

        Assert.Equal(["Please fix this cell."], TextsOf(rows[0], 0));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void The_level_sets_the_message_level_and_only_error_invalidates_the_row(string kind)
    {
        foreach (var level in new[] { MessageLevel.Warning, MessageLevel.Info })
        {
            var definition = Cases[kind].Definition();
            definition.Level = level;

            var rows = Run(Cases[kind], definition, Cases[kind].FailingRows, level);

            Assert.Equal(level, Assert.Single(MessagesOf(rows[0], 0)).Level);
            Assert.False(rows[0].HasError);
        }
    }

    private static List<Rows.ImportRow> Run(
        Case testCase, ValidatorDefinition definition, string[][] cells, MessageLevel? otherLevel = null)
    {
        var otherValidator = testCase.OtherFieldValidator?.Invoke();
        if (otherValidator is not null) otherValidator.Level = otherLevel;
        var other = otherValidator is null ? Field("other") : Field("other", otherValidator);
        var plan = Plan(Field("value", definition), other, Field("third"));
        var rows = cells.Select((row, index) => Row(index, 3, row)).ToList();
        Validate(plan, rows);
        return rows;
    }
}
