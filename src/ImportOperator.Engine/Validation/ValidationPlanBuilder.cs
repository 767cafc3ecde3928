using System.Text.RegularExpressions;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Validation.Uniqueness;

namespace ImportOperator.Engine.Validation;

/// <summary>Turns the schema's validator definitions into a <see cref="ValidationPlan"/>, reporting what is wrong.</summary>
internal sealed class ValidationPlanBuilder
{
    private readonly IReadOnlyList<FieldDefinition> _fields;
    private readonly SchemaProblems _problems;
    private readonly Dictionary<string, int> _fieldIndexByKey = new(StringComparer.Ordinal);
    private readonly List<FieldValidator> _rowValidators = [];
    private readonly List<UniquenessRule> _columnRules = [];
    private readonly OrderedDictionary<string, List<CombinationMember>> _combinations = new(StringComparer.Ordinal);

    private ValidationPlanBuilder(IReadOnlyList<FieldDefinition> fields, SchemaProblems problems)
    {
        _fields = fields;
        _problems = problems;
        for (var i = 0; i < fields.Count; i++)
        {
            // Duplicate keys are reported by the schema compiler; the first one is the field a key refers to.
            if (fields[i]?.Key is { Length: > 0 } key) _fieldIndexByKey.TryAdd(key, i);
        }
    }

    public static ValidationPlan Build(IReadOnlyList<FieldDefinition> fields, SchemaProblems problems)
    {
        var builder = new ValidationPlanBuilder(fields, problems);
        for (var field = 0; field < fields.Count; field++)
        {
            if (fields[field]?.Validators is not { } validators) continue;
            for (var index = 0; index < validators.Count; index++) builder.Add(field, index, validators[index]);
        }
        return builder.ToPlan();
    }

    private ValidationPlan ToPlan()
    {
        var uniquenessRules = new List<UniquenessRule>(_columnRules);
        foreach (var (uniqueKey, members) in _combinations)
            uniquenessRules.Add(new CombinationUniquenessRule(uniqueKey, [.. members]));
        return new ValidationPlan([.. _rowValidators], [.. uniquenessRules]);
    }

    private void Add(int field, int index, ValidatorDefinition? definition)
    {
        var path = $"fields[{field}].validators[{index}]";
        if (definition is null)
        {
            _problems.Add(path, "must be a validator object, not null.");
            return;
        }
        var context = new Context(field, path, definition, LabelOf(field));
        switch (definition.Validate)
        {
            case ValidatorKinds.Required:
                _rowValidators.Add(new RequiredValidator(field, context.Failure(DefaultMessages.Required)));
                break;
            case ValidatorKinds.Unique or ValidatorKinds.UniqueCaseInsensitive:
                _columnRules.Add(new ColumnUniquenessRule(field, context.Label,
                    ignoreCase: definition.Validate == ValidatorKinds.UniqueCaseInsensitive, context.CustomMessage,
                    definition.EffectiveLevel));
                break;
            case ValidatorKinds.UniqueWith:
                AddCombinationMember(context);
                break;
            case ValidatorKinds.RegexMatch or ValidatorKinds.RegexExclude:
                AddRegex(context, mustMatch: definition.Validate == ValidatorKinds.RegexMatch);
                break;
            case ValidatorKinds.RequireWith: AddRequireWhenFields(context, whenFilled: true, whenAll: false); break;
            case ValidatorKinds.RequireWithout: AddRequireWhenFields(context, whenFilled: false, whenAll: false); break;
            case ValidatorKinds.RequireWithAll: AddRequireWhenFields(context, whenFilled: true, whenAll: true); break;
            case ValidatorKinds.RequireWithoutAll: AddRequireWhenFields(context, whenFilled: false, whenAll: true); break;
            case ValidatorKinds.RequireWithValues: AddRequireWhenValues(context, whenHas: true, whenAll: false); break;
            case ValidatorKinds.RequireWithoutValues: AddRequireWhenValues(context, whenHas: false, whenAll: false); break;
            case ValidatorKinds.RequireWithAllValues: AddRequireWhenValues(context, whenHas: true, whenAll: true); break;
            // "When none has its value" is "when all do not have their value".
            case ValidatorKinds.RequireWithoutAllValues: AddRequireWhenValues(context, whenHas: false, whenAll: true); break;
            case ValidatorKinds.Length:
                AddLength(context);
                break;
            case ValidatorKinds.Alphabetical:
                _rowValidators.Add(new AlphabeticalValidator(field, context.Failure(DefaultMessages.Alphabetical)));
                break;
            default:
                _problems.Add($"{path}.validate", string.IsNullOrEmpty(definition.Validate)
                    ? $"missing validator name; expected one of {string.Join(", ", ValidatorKinds.All)}."
                    : $"unknown validator '{definition.Validate}'; expected one of {string.Join(", ", ValidatorKinds.All)}.");
                break;
        }
    }

    private void AddCombinationMember(Context context)
    {
        var uniqueKey = context.Definition.UniqueKey;
        if (string.IsNullOrWhiteSpace(uniqueKey))
        {
            _problems.Add($"{context.Path}.uniqueKey",
                "unique_with needs uniqueKey: a name shared by the fields whose combination must be unique.");
            return;
        }
        if (!_combinations.TryGetValue(uniqueKey, out var members)) _combinations.Add(uniqueKey, members = []);
        members.Add(new CombinationMember(context.Field, context.Label, context.CustomMessage,
            context.Definition.EffectiveLevel));
    }

    private void AddRegex(Context context, bool mustMatch)
    {
        var definition = context.Definition;
        var pattern = definition.Regex;
        if (string.IsNullOrEmpty(pattern))
        {
            _problems.Add($"{context.Path}.regex", $"{definition.Validate} needs regex: a non-empty ECMAScript pattern.");
            return;
        }
        Regex regex;
        try
        {
            regex = EcmaScriptRegex.Compile(pattern, definition.RegexOptions);
        }
        catch (ArgumentException error)
        {
            _problems.Add($"{context.Path}.regex", DescribeCompileError(pattern, error));
            return;
        }
        var failure = context.Failure(mustMatch ? DefaultMessages.RegexMatch(pattern) : DefaultMessages.RegexExclude(pattern));
        var timedOut = new CellMessage(DefaultMessages.RegexTimedOut(pattern), definition.EffectiveLevel);
        _rowValidators.Add(new RegexValidator(context.Field, failure, regex, mustMatch, timedOut));
    }

    /// <summary>
    /// The compiler's message. The translated pattern can look unlike the author's (\d becomes [0-9]), so when the
    /// author's own pattern fails in .NET too, that message (which quotes their pattern) is the one reported.
    /// </summary>
    private static string DescribeCompileError(string pattern, ArgumentException error)
    {
        if (error is not RegexParseException) return error.Message;
        try
        {
            _ = new Regex(pattern, RegexOptions.None, EcmaScriptRegex.MatchTimeout);
            return error.Message;
        }
        catch (ArgumentException original)
        {
            return original.Message;
        }
    }

    private void AddRequireWhenFields(Context context, bool whenFilled, bool whenAll)
    {
        var keys = context.Definition.Fields;
        if (keys is null || keys.Count == 0)
        {
            _problems.Add($"{context.Path}.fields", $"{context.Definition.Validate} needs fields: a non-empty list of field keys.");
            return;
        }
        var others = new int[keys.Count];
        var labels = new string[keys.Count];
        var valid = true;
        for (var k = 0; k < keys.Count; k++)
        {
            if (!TryResolve(keys[k], $"{context.Path}.fields[{k}]", out others[k])) { valid = false; continue; }
            labels[k] = LabelOf(others[k]);
        }
        if (!valid) return;
        var failure = context.Failure(DefaultMessages.RequireWhenFields(labels, whenFilled, whenAll));
        _rowValidators.Add(new RequireWhenFieldsValidator(context.Field, failure, others, whenFilled, whenAll));
    }

    private void AddRequireWhenValues(Context context, bool whenHas, bool whenAll)
    {
        var fieldValues = context.Definition.FieldValues;
        if (fieldValues is null || fieldValues.Count == 0)
        {
            _problems.Add($"{context.Path}.fieldValues",
                $"{context.Definition.Validate} needs fieldValues: an object of {{fieldKey: value}}.");
            return;
        }
        var conditions = new List<FieldValueCondition>(fieldValues.Count);
        var described = new List<(string Label, IReadOnlyList<string> Values)>(fieldValues.Count);
        var valid = true;
        foreach (var (key, node) in fieldValues)
        {
            var path = $"{context.Path}.fieldValues.{key}";
            // Non-short-circuit |: an unknown key and a bad value are both reported.
            if (!TryResolve(key, path, out var otherField) | !ExpectedValuesReader.TryRead(node, path, _problems, out var shown, out var expected))
            {
                valid = false;
                continue;
            }
            conditions.Add(new FieldValueCondition(otherField, expected));
            described.Add((LabelOf(otherField), shown));
        }
        if (!valid) return;
        var failure = context.Failure(DefaultMessages.RequireWhenValues(described, whenHas, whenAll));
        _rowValidators.Add(new RequireWhenValuesValidator(context.Field, failure, [.. conditions], whenHas, whenAll));
    }

    private void AddLength(Context context)
    {
        var (min, max) = (context.Definition.Min, context.Definition.Max);
        var valid = true;
        if (min is null && max is null)
        {
            _problems.Add(context.Path, "length needs min, max or both.");
            return;
        }
        if (min < 0) { _problems.Add($"{context.Path}.min", "must be 0 or more."); valid = false; }
        if (max < 0) { _problems.Add($"{context.Path}.max", "must be 0 or more."); valid = false; }
        if (valid && min > max)
        {
            _problems.Add($"{context.Path}.max", $"must not be less than min ({min}).");
            valid = false;
        }
        if (!valid) return;
        _rowValidators.Add(new LengthValidator(context.Field, context.Failure(DefaultMessages.Length(min, max)), min, max));
    }

    private bool TryResolve(string? key, string path, out int field)
    {
        if (key is not null && _fieldIndexByKey.TryGetValue(key, out field)) return true;
        _problems.Add(path, $"'{key}' is not a field key of this schema.");
        field = -1;
        return false;
    }

    private string LabelOf(int field)
    {
        var definition = _fields[field];
        return string.IsNullOrWhiteSpace(definition.Label) ? definition.Key : definition.Label;
    }

    /// <summary>What every validator kind needs while it is compiled.</summary>
    private readonly record struct Context(int Field, string Path, ValidatorDefinition Definition, string Label)
    {
        /// <summary>The schema's errorMessage; a blank one counts as not given (an empty message helps no one).</summary>
        public string? CustomMessage =>
            string.IsNullOrWhiteSpace(Definition.ErrorMessage) ? null : Definition.ErrorMessage;

        public CellMessage Failure(string defaultMessage) =>
            new(CustomMessage ?? defaultMessage, Definition.EffectiveLevel);
    }
}
