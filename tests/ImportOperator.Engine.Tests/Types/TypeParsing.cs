using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Types;

namespace ImportOperator.Engine.Tests.Types;

/// <summary>Builds parsers the way the pipeline does and states what a cell turns into.</summary>
internal static class TypeParsing
{
    public static IFieldTypeParser Parser(string type, TypeOptions? options = null, List<SelectOption>? selectOptions = null)
    {
        var problems = new SchemaProblems();
        var field = new FieldDefinition { Key = "f", Label = "F", Type = type, TypeOptions = options, SelectOptions = selectOptions };
        var parser = FieldTypeParsers.Create(field, "fields[0]", problems);
        Assert.False(problems.Any, problems.ToString());
        Assert.NotNull(parser);
        return parser;
    }

    /// <summary>The problems a field definition has (and that no parser came back).</summary>
    public static IReadOnlyList<SchemaProblem> Problems(FieldDefinition field)
    {
        var problems = new SchemaProblems();
        var parser = FieldTypeParsers.Create(field, "fields[3]", problems);
        Assert.Null(parser);
        return problems.All;
    }

    public static void AssertParses(this IFieldTypeParser parser, string text, CellValue expected)
    {
        var parsed = parser.TryParse(text, out var result, out var error);
        Assert.True(parsed, $"'{text}' was rejected: {error}");
        Assert.Null(error);
        Assert.Equal(expected, result);
    }

    public static void AssertParses(this IFieldTypeParser parser, string text, string expected) =>
        parser.AssertParses(text, CellValue.FromString(expected));

    /// <summary>Asserts the cell is rejected and returns the message.</summary>
    public static string AssertRejects(this IFieldTypeParser parser, string text)
    {
        var parsed = parser.TryParse(text, out var result, out var error);
        Assert.False(parsed, $"'{text}' was accepted as {result}");
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    public static SelectOption Option(string value, string? label = null, params string[] alternates) =>
        new() { Value = value, Label = label ?? value, AlternateMatches = alternates.Length > 0 ? [.. alternates] : null };
}
