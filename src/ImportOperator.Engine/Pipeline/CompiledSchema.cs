using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Types;
using ImportOperator.Engine.Validation;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// A schema checked and compiled once: a parser per field, the validation plan and the hooks. Compiling reports
/// every problem at once with its path (fields[2].type, hooks.rowHooks[0], settings.delimiter, ...).
/// </summary>
public sealed class CompiledSchema : IDisposable
{
    private CompiledSchema(IReadOnlyList<FieldDefinition> fields, ImportSettings settings, IFieldTypeParser[] parsers,
        ValidationPlan validation, CompiledHooks hooks)
    {
        Fields = fields;
        Settings = settings;
        Parsers = parsers;
        Validation = validation;
        Hooks = hooks;
        CellParser = new CellParser(fields, parsers);
    }

    public IReadOnlyList<FieldDefinition> Fields { get; }
    public ImportSettings Settings { get; }
    public IFieldTypeParser[] Parsers { get; }
    public ValidationPlan Validation { get; }
    public CompiledHooks Hooks { get; }
    public CellParser CellParser { get; }

    /// <summary>Compiles the schema, or returns null with the problems filled in.</summary>
    public static CompiledSchema? Compile(IReadOnlyList<FieldDefinition>? fields, ImportSettings settings,
        HookDefinitions hooks, HookSandboxOptions hookOptions, SchemaProblems problems)
    {
        fields ??= [];
        if (fields.Count == 0) problems.Add("fields", "the schema needs at least one field.");
        CheckKeysAndLabels(fields, problems);
        SettingsRules.Check(settings, problems);

        var parsers = new IFieldTypeParser[fields.Count];
        for (var i = 0; i < fields.Count; i++)
            parsers[i] = FieldTypeParsers.Create(fields[i], $"fields[{i}]", problems)!;
        var validation = ValidationPlan.Build(fields, problems);
        var compiledHooks = CompiledHooks.Compile(hooks, fields, hookOptions, problems);
        if (problems.Any)
        {
            compiledHooks.Dispose();
            return null;
        }
        return new CompiledSchema(fields, settings, parsers, validation, compiledHooks);
    }

    private static void CheckKeysAndLabels(IReadOnlyList<FieldDefinition> fields, SchemaProblems problems)
    {
        var firstIndexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (string.IsNullOrWhiteSpace(field.Key)) problems.Add($"fields[{i}].key", "every field needs a key.");
            else if (!firstIndexByKey.TryAdd(field.Key, i))
                problems.Add($"fields[{i}].key", $"duplicate key '{field.Key}' (also used by fields[{firstIndexByKey[field.Key]}]); field keys must be unique.");
            if (string.IsNullOrWhiteSpace(field.Label)) problems.Add($"fields[{i}].label", $"field '{field.Key}' needs a label.");
        }
    }

    public void Dispose() => Hooks.Dispose();
}
