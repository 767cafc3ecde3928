using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Tests.Hooks;

/// <summary>Builds schemas, rows and compiled hooks for the hook tests.</summary>
internal static class HookTestKit
{
    public static readonly HookSandboxOptions FastLimits = Limits();

    /// <summary>Tight limits so that hostile hooks are stopped quickly.</summary>
    public static HookSandboxOptions Limits(int parallelism = 2, int timeoutPerCallMs = 500,
        int timeoutPerImportMs = 60_000, long memoryBytes = 32L * 1024 * 1024, int consoleBytes = 64 * 1024) => new()
    {
        TimeoutPerCall = TimeSpan.FromMilliseconds(timeoutPerCallMs),
        TimeoutPerImport = TimeSpan.FromMilliseconds(timeoutPerImportMs),
        MemoryLimitBytes = memoryBytes,
        ConsoleLogLimitBytes = consoleBytes,
        Parallelism = parallelism,
    };

    public static List<FieldDefinition> Fields(params string[] keys) =>
        keys.Select(key => new FieldDefinition { Key = key, Label = key }).ToList();

    public static CompiledHooks Compile(HookDefinitions hooks, IReadOnlyList<FieldDefinition> fields,
        HookSandboxOptions? options = null)
    {
        var problems = new SchemaProblems();
        var compiled = CompiledHooks.Compile(hooks, fields, options ?? FastLimits, problems);
        Assert.False(problems.Any, problems.ToString());
        return compiled;
    }

    public static CompiledHooks RowHooks(IReadOnlyList<FieldDefinition> fields, params string[] rowHooks) =>
        Compile(new HookDefinitions { RowHooks = [.. rowHooks] }, fields);

    /// <summary>A row whose raw and result values are the given texts.</summary>
    public static ImportRow Row(long index, params string?[] values)
    {
        var row = new ImportRow(index, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            row.Values[i] = CellValue.FromString(values[i]);
            row.Results[i] = CellValue.FromString(values[i]);
        }
        return row;
    }

    /// <summary>Runs the action and returns the HookFailed failure it must end with.</summary>
    public static ImportFailureException Fails(Action action)
    {
        var failure = Assert.Throws<ImportFailureException>(action);
        Assert.Equal(OutcomeReasons.HookFailed, failure.Reason);
        return failure;
    }
}
