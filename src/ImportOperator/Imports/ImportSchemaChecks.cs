using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Imports;

/// <summary>
/// Everything the engine would refuse about a schema, found without any data: field keys and labels, types and
/// their options, validators (regexes compiled, require_with naming fields), settings, and hooks (parsed).
/// </summary>
public static class ImportSchemaChecks
{
    public static SchemaProblems Check(IReadOnlyList<FieldDefinition> fields, ImportSettings? settings, HookDefinitions? hooks)
    {
        var problems = new SchemaProblems();
        // One engine is enough to parse every hook; nothing runs.
        using var compiled = CompiledSchema.Compile(fields, settings ?? new ImportSettings(), hooks ?? new HookDefinitions(),
            new HookSandboxOptions { Parallelism = 1 }, problems);
        return problems;
    }
}
