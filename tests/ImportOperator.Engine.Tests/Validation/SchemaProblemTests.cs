using System.Text.Json.Nodes;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Validation;
using static ImportOperator.Engine.Tests.Validation.ValidationTestKit;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>Validator definitions that cannot work are schema problems, with the path a schema author can follow.</summary>
public sealed class SchemaProblemTests
{
    private const string AllNames =
        "required, unique, unique_case_insensitive, unique_with, regex_match, regex_exclude, require_with, " +
        "require_without, require_with_all, require_without_all, require_with_values, require_without_values, " +
        "require_with_all_values, require_without_all_values, length, alphabetical";

    /// <summary>(case, validator on field 1 "name" — field 0 is "id", field 2 "city", expected path, expected message).</summary>
    private static readonly Dictionary<string, (Func<ValidatorDefinition> Definition, string Path, string Message)> Cases = new()
    {
        ["unknown name"] = (() => Validator("foo"),
            "fields[1].validators[0].validate", $"unknown validator 'foo'; expected one of {AllNames}."),
        ["wrong case"] = (() => Validator("Required"),
            "fields[1].validators[0].validate", $"unknown validator 'Required'; expected one of {AllNames}."),
        ["no name"] = (() => Validator(""),
            "fields[1].validators[0].validate", $"missing validator name; expected one of {AllNames}."),
        ["regex missing"] = (() => Validator(ValidatorKinds.RegexMatch),
            "fields[1].validators[0].regex", "regex_match needs regex: a non-empty ECMAScript pattern."),
        ["regex empty"] = (() => Regex(ValidatorKinds.RegexExclude, ""),
            "fields[1].validators[0].regex", "regex_exclude needs regex: a non-empty ECMAScript pattern."),
        ["fields missing"] = (() => Validator(ValidatorKinds.RequireWith),
            "fields[1].validators[0].fields", "require_with needs fields: a non-empty list of field keys."),
        ["fields empty"] = (() => WithFields(ValidatorKinds.RequireWithoutAll),
            "fields[1].validators[0].fields", "require_without_all needs fields: a non-empty list of field keys."),
        ["unknown field key"] = (() => WithFields(ValidatorKinds.RequireWithAll, "id", "ctiy"),
            "fields[1].validators[0].fields[1]", "'ctiy' is not a field key of this schema."),
        ["field keys are case-sensitive"] = (() => WithFields(ValidatorKinds.RequireWithout, "ID"),
            "fields[1].validators[0].fields[0]", "'ID' is not a field key of this schema."),
        ["fieldValues missing"] = (() => Validator(ValidatorKinds.RequireWithValues),
            "fields[1].validators[0].fieldValues", "require_with_values needs fieldValues: an object of {fieldKey: value}."),
        ["fieldValues empty"] = (() => WithValues(ValidatorKinds.RequireWithoutAllValues, "{}"),
            "fields[1].validators[0].fieldValues", "require_without_all_values needs fieldValues: an object of {fieldKey: value}."),
        ["unknown fieldValues key"] = (() => WithValues(ValidatorKinds.RequireWithAllValues, """{"id": 1, "country": "US"}"""),
            "fields[1].validators[0].fieldValues.country", "'country' is not a field key of this schema."),
        ["object as a value"] = (() => WithValues(ValidatorKinds.RequireWithoutValues, """{"city": {"name": "Oslo"}}"""),
            "fields[1].validators[0].fieldValues.city", "must be a string, number, boolean or a list of those."),
        ["object in a list"] = (() => WithValues(ValidatorKinds.RequireWithValues, """{"city": ["Oslo", {}]}"""),
            "fields[1].validators[0].fieldValues.city[1]", "must be a string, number, boolean or a list of those."),
        ["empty list"] = (() => WithValues(ValidatorKinds.RequireWithValues, """{"city": []}"""),
            "fields[1].validators[0].fieldValues.city", "must list at least one value."),
        ["uniqueKey missing"] = (() => Validator(ValidatorKinds.UniqueWith),
            "fields[1].validators[0].uniqueKey", "unique_with needs uniqueKey: a name shared by the fields whose combination must be unique."),
        ["length without bounds"] = (() => Length(null, null),
            "fields[1].validators[0]", "length needs min, max or both."),
        ["length min above max"] = (() => Length(5, 3),
            "fields[1].validators[0].max", "must not be less than min (5)."),
        ["negative min"] = (() => Length(-1, 3),
            "fields[1].validators[0].min", "must be 0 or more."),
        ["negative max"] = (() => Length(null, -2),
            "fields[1].validators[0].max", "must be 0 or more."),
        ["regex does not compile"] = (() => Regex(ValidatorKinds.RegexMatch, "a)"),
            "fields[1].validators[0].regex", "Invalid pattern 'a)' at offset 2. Too many )'s."),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory, MemberData(nameof(CaseNames))]
    public void A_broken_validator_is_reported_at_its_path(string name)
    {
        var (definition, path, message) = Cases[name];

        var problem = Assert.Single(Problems(Field("id"), Field("name", definition()), Field("city")));

        Assert.Equal(path, problem.Path);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void A_null_validator_is_reported()
    {
        var field = Field("id");
        field.Validators = [null!];

        var problem = Assert.Single(Problems(field));

        Assert.Equal(new SchemaProblem("fields[0].validators[0]", "must be a validator object, not null."), problem);
    }

    [Fact]
    public void All_problems_are_reported_at_once_and_the_sound_validators_still_run()
    {
        var problems = new SchemaProblems();
        var plan = ValidationPlan.Build(
            [
                Field("id", Validator("nope"), Validator(ValidatorKinds.Required)),
                Field("name", Length(null, null), WithFields(ValidatorKinds.RequireWith, "missing", "also_missing")),
            ],
            problems);
        var row = ValidationTestKit.Row(2, "", "");

        plan.ValidateRow(row);

        Assert.Equal(
            ["fields[0].validators[0].validate", "fields[1].validators[0]", "fields[1].validators[1].fields[0]",
             "fields[1].validators[1].fields[1]"],
            problems.All.Select(problem => problem.Path));
        Assert.Equal(["This field is required."], TextsOf(row, 0));
        Assert.Empty(MessagesOf(row, 1));
    }

    [Fact]
    public void Parameters_a_validator_does_not_use_are_ignored()
    {
        var definition = new ValidatorDefinition
        {
            Validate = ValidatorKinds.Required, Regex = "(", Min = 9, Max = 1,
            FieldValues = JsonNode.Parse("""{"nope": 1}""")!.AsObject(),
        };

        Assert.Empty(Problems(Field("id", definition)));
    }

    [Fact]
    public void A_blank_error_message_keeps_the_default()
    {
        var definition = Validator(ValidatorKinds.Required);
        definition.ErrorMessage = "  ";
        var plan = Plan(Field("id", definition));
        var row = new ImportRow(0, 1);

        plan.ValidateRow(row);

        Assert.Equal(["This field is required."], TextsOf(row, 0));
    }
}
