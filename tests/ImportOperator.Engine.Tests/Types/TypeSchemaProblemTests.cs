using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Schema;
using static ImportOperator.Engine.Tests.Types.TypeParsing;

namespace ImportOperator.Engine.Tests.Types;

public class TypeSchemaProblemTests
{
    private static FieldDefinition Field(string type, TypeOptions? options = null, List<SelectOption>? selectOptions = null) =>
        new() { Key = "f", Label = "F", Type = type, TypeOptions = options, SelectOptions = selectOptions };

    [Fact]
    public void An_unknown_type_lists_the_known_ones()
    {
        var problem = Assert.Single(Problems(Field("foo")));
        Assert.Equal("fields[3].type", problem.Path);
        Assert.Equal("unknown type 'foo'; expected one of string, email, url, domain, number, checkbox, date, datetime, time, "
            + "select, multi-select, phone-number, country, us-state-territory, us-zip-code, ssn, uuid", problem.Message);
    }

    [Theory]
    [InlineData("String")]
    [InlineData("multiselect")]
    [InlineData("phone")]
    public void Type_names_are_exact(string type) => Assert.Equal("fields[3].type", Assert.Single(Problems(Field(type))).Path);

    [Theory]
    [InlineData("select")]
    [InlineData("multi-select")]
    public void A_select_without_options_is_a_problem(string type)
    {
        var problem = Assert.Single(Problems(Field(type)));
        Assert.Equal("fields[3].selectOptions", problem.Path);
        Assert.Contains("at least one option", problem.Message);
        Assert.Equal("fields[3].selectOptions", Assert.Single(Problems(Field(type, selectOptions: []))).Path);
    }

    [Fact]
    public void Duplicate_option_values_are_a_problem_even_in_another_case()
    {
        var problems = Problems(Field("select", selectOptions: [Option("a"), Option("b"), Option("A", "Other a")]));
        var problem = Assert.Single(problems);
        Assert.Equal("fields[3].selectOptions[2].value", problem.Path);
        Assert.Contains("duplicate option value 'A'", problem.Message);
    }

    [Fact]
    public void An_empty_multi_select_delimiter_is_a_problem()
    {
        var problem = Assert.Single(Problems(Field("multi-select", new TypeOptions { Delimiter = "" }, [Option("a")])));
        Assert.Equal(new SchemaProblem("fields[3].typeOptions.delimiter", "delimiter must not be empty"), problem);
    }

    [Fact]
    public void Min_above_max_is_a_problem()
    {
        var problem = Assert.Single(Problems(Field("number", new TypeOptions { Min = 10, Max = 1 })));
        Assert.Equal(new SchemaProblem("fields[3].typeOptions.min", "min (10) is greater than max (1)"), problem);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(16)]
    public void A_round_outside_0_to_15_is_a_problem(int round)
    {
        var problem = Assert.Single(Problems(Field("number", new TypeOptions { Round = round })));
        Assert.Equal("fields[3].typeOptions.round", problem.Path);
        Assert.Contains(round.ToString(), problem.Message);
    }

    [Theory]
    [InlineData("number")]
    [InlineData("date")]
    [InlineData("datetime")]
    public void An_unknown_locale_is_a_problem(string type)
    {
        var problem = Assert.Single(Problems(Field(type, new TypeOptions { Locale = "xx-YY" })));
        Assert.Equal("fields[3].typeOptions.locale", problem.Path);
        Assert.StartsWith("unknown locale 'xx-YY'; expected one of en-US, ", problem.Message);
        Assert.Contains("de-DE", problem.Message);
    }

    [Fact]
    public void Every_problem_of_a_number_field_is_reported_at_once() =>
        Assert.Equal(3, Problems(Field("number", new TypeOptions { Locale = "nope", Min = 2, Max = 1, Round = -2 })).Count);

    [Theory]
    [InlineData("XX")]
    [InlineData("USA")]
    [InlineData("")]
    public void An_unknown_phone_country_is_a_problem(string country)
    {
        var problem = Assert.Single(Problems(Field("phone-number", new TypeOptions { Country = country })));
        Assert.Equal("fields[3].typeOptions.country", problem.Path);
        Assert.Contains("GB", problem.Message);
    }

    [Theory]
    [InlineData("alpha2")]
    [InlineData("3")]
    [InlineData("name")]
    public void An_unknown_country_format_is_a_problem(string format)
    {
        var problem = Assert.Single(Problems(Field("country", new TypeOptions { Format = format })));
        Assert.Equal(new SchemaProblem("fields[3].typeOptions.format", $"unknown country format '{format}'; expected '2-letter' or '3-letter'"), problem);
    }

    [Fact]
    public void Options_of_other_types_are_ignored() =>
        Parser("string", new TypeOptions { Locale = "nope", Min = 5, Max = 1, Delimiter = "", Format = "x", Country = "XX" }).AssertParses("a", "a");
}
