using System.Text.Json.Nodes;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Validation;

namespace ImportOperator.Engine.Tests.Validation;

/// <summary>Builds schemas and rows for validator tests, and runs a plan the way the pipeline does.</summary>
internal static class ValidationTestKit
{
    /// <summary>A field whose label is its key with a capital first letter (value → Value).</summary>
    public static FieldDefinition Field(string key, params ValidatorDefinition[] validators) => new()
    {
        Key = key,
        Label = char.ToUpperInvariant(key[0]) + key[1..],
        Validators = [.. validators],
    };

    public static ValidatorDefinition Validator(string kind) => new() { Validate = kind };

    public static ValidatorDefinition Regex(string kind, string pattern, RegexOptionsDefinition? options = null) =>
        new() { Validate = kind, Regex = pattern, RegexOptions = options };

    public static ValidatorDefinition WithFields(string kind, params string[] fields) =>
        new() { Validate = kind, Fields = [.. fields] };

    public static ValidatorDefinition WithValues(string kind, string fieldValuesJson) =>
        new() { Validate = kind, FieldValues = JsonNode.Parse(fieldValuesJson)!.AsObject() };

    public static ValidatorDefinition UniqueWith(string uniqueKey) =>
        new() { Validate = ValidatorKinds.UniqueWith, UniqueKey = uniqueKey };

    public static ValidatorDefinition Length(int? min, int? max) =>
        new() { Validate = ValidatorKinds.Length, Min = min, Max = max };

    /// <summary>Builds the plan and fails the test if the schema has problems.</summary>
    public static ValidationPlan Plan(params FieldDefinition[] fields)
    {
        var problems = new SchemaProblems();
        var plan = ValidationPlan.Build(fields, problems);
        Assert.False(problems.Any, problems.ToString());
        return plan;
    }

    public static IReadOnlyList<SchemaProblem> Problems(params FieldDefinition[] fields)
    {
        var problems = new SchemaProblems();
        ValidationPlan.Build(fields, problems);
        return problems.All;
    }

    /// <summary>A row of string cells that parsed as themselves (a string field): raw value = result value.</summary>
    public static ImportRow Row(int fieldCount, params string[] cells) => Row(0, fieldCount, cells);

    public static ImportRow Row(long index, int fieldCount, params string[] cells)
    {
        var row = new ImportRow(index, fieldCount);
        for (var i = 0; i < fieldCount; i++)
        {
            var text = i < cells.Length ? cells[i] : "";
            row.Values[i] = CellValue.FromString(text);
            row.Results[i] = CellValue.FromString(text);
        }
        return row;
    }

    /// <summary>Runs the row-local validators on every row, then the uniqueness tracker over all rows.</summary>
    public static void Validate(ValidationPlan plan, IReadOnlyList<ImportRow> rows)
    {
        foreach (var row in rows) plan.ValidateRow(row);
        if (!plan.HasUniqueness) return;
        var tracker = plan.CreateUniquenessTracker();
        foreach (var row in rows) tracker.Observe(row);
        foreach (var row in rows) tracker.Flag(row);
    }

    public static IReadOnlyList<CellMessage> MessagesOf(ImportRow row, int field) =>
        row.ValidatorMessages?[field] ?? [];

    public static IReadOnlyList<string> TextsOf(ImportRow row, int field) =>
        [.. MessagesOf(row, field).Select(static message => message.Message)];
}
